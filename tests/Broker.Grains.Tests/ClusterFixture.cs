using System.Collections.Concurrent;
using System.Security.Cryptography;
using Broker.Grains.Common;
using Broker.Grains.DeviceGroups;
using Broker.Grains.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Broker.Grains.Tests;

/// <summary>
/// A three-silo cluster with the production storage name (in memory here) and a clock the tests move; the clock is
/// also the silos' <see cref="TimeProvider"/>, so grain timers (presence timeouts) run when a test advances it.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const int SiloCount = 3;

    private readonly ConcurrentBag<TestHost> _hosts = [];

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));

    public EnrollmentCodeMinter Codes { get; } = new(RandomNumberGenerator.GetBytes(32));

    public CountingRelayMetrics RelayMetrics { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>
    /// A broker host on silo <paramref name="silo"/> (0 to <see cref="SiloCount"/> − 1), with a relay of its own that
    /// lives as long as the cluster, like a real host's.
    /// </summary>
    /// <remarks>
    /// Orleans holds an observer weakly: a relay collected after its test would leave grains of that test (a device
    /// timed out when a later test moves the clock) waiting on pushes that are never answered, and the silos unable to stop.
    /// </remarks>
    public TestHost Host(int silo)
    {
        var host = new TestHost(Cluster.Silos[silo]);
        _hosts.Add(host);
        return host;
    }

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(SiloCount);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(BrokerStorage.Name);
            silo.Services.AddSingleton<TimeProvider>(Clock);
            silo.Services.AddSingleton(Codes);
            silo.Services.AddSingleton<IFrameRelayMetrics>(RelayMetrics);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}
