using Broker.Grains.Connections;

namespace Broker.Grains.Tests;

/// <summary>A test's own recording relay, reached by the grains through the cluster client, and gone with the test.</summary>
public sealed class ClientRelay(ClusterFixture fixture) : IDisposable
{
    private readonly RecordingRelay _recorded = new();
    private IConnectionRelay? _reference;

    /// <summary>The relay as grains hold it, in connections pushed to.</summary>
    public IConnectionRelay Reference => _reference ??= fixture.Cluster.Client.CreateObjectReference<IConnectionRelay>(_recorded);

    public IEnumerable<string> To(string connectionId) => _recorded.To(connectionId);

    public void Dispose()
    {
        if (_reference is not null)
        {
            fixture.Cluster.Client.DeleteObjectReference<IConnectionRelay>(_reference);
        }
    }
}
