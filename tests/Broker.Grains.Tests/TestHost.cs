using Broker.Grains.Connections;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Broker.Grains.Tests;

/// <summary>
/// A broker host as the grains see it: one silo, the grain factory its hubs call grains with, and its relay registered
/// with that silo the way the server registers its own (which forwards to SignalR where this one records).
/// </summary>
public sealed class TestHost
{
    public TestHost(InProcessSiloHandle silo)
    {
        Silo = silo.SiloAddress;
        Grains = silo.SiloHost.Services.GetRequiredService<IGrainFactory>();
        Reference = Grains.CreateObjectReference<IConnectionRelay>(Relay);
    }

    public SiloAddress Silo { get; }

    public IGrainFactory Grains { get; }

    public RecordingRelay Relay { get; } = new();

    public IConnectionRelay Reference { get; }

    /// <summary>A connection this host holds.</summary>
    public Connection Connection(string connectionId) => new(Reference, connectionId);
}
