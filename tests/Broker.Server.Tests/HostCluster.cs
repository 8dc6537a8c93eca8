namespace Broker.Server.Tests;

/// <summary>
/// Three broker hosts in this process, joined into one Orleans cluster (development clustering: B and C join A's silo)
/// and sharing one data folder, each with its own Kestrel port. Devices and viewers connect to different hosts, so
/// every push crosses silos. Heartbeats time out after 6 s here (test devices beat every second: five may be late on a
/// busy machine), so offline tests are quick.
/// </summary>
public sealed class HostCluster : IAsyncLifetime
{
    public static readonly TimeSpan PresenceTimeout = TimeSpan.FromSeconds(6);

    /// <summary>How often the test devices of <see cref="LiveScene"/> heartbeat.</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(1);

    private readonly string _dataPath = BrokerHost.NewDataPath();

    public BrokerHost A { get; private set; } = null!;

    public BrokerHost B { get; private set; } = null!;

    public BrokerHost C { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        A = await BrokerHost.StartAsync(_dataPath, Settings(primary: null));
        B = await BrokerHost.StartAsync(_dataPath, Settings(A.SiloPort));
        C = await BrokerHost.StartAsync(_dataPath, Settings(A.SiloPort));
    }

    /// <summary>Stops host B and starts it again on the same web address, as a restarted process would.</summary>
    public async Task RestartBAsync()
    {
        var port = B.Address.Port;
        await B.DisposeAsync();
        B = await BrokerHost.StartAsync(_dataPath, new Dictionary<string, string?>(Settings(A.SiloPort)) { ["Urls"] = $"http://127.0.0.1:{port}" });
    }

    public async ValueTask DisposeAsync()
    {
        await C.DisposeAsync();
        await B.DisposeAsync();
        await A.DisposeAsync();
        Directory.Delete(_dataPath, recursive: true);
    }

    /// <summary>A client signed in as the bootstrap admin, on host A.</summary>
    public Task<ApiClient> AdminAsync() => ApiClient.SignInAsync(A, BrokerHost.AdminEmail, BrokerHost.AdminPassword);

    private static Dictionary<string, string?> Settings(int? primary) => new()
    {
        ["Broker:PrimarySiloPort"] = primary?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Broker:Presence:Timeout"] = PresenceTimeout.ToString(),
    };
}

[CollectionDefinition(Name)]
public sealed class HostClusterCollection : ICollectionFixture<HostCluster>
{
    public const string Name = "three hosts";
}
