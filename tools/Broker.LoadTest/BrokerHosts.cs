using System.Globalization;

namespace Broker.LoadTest;

/// <summary>
/// Broker hosts started for a benchmark: one Local-mode cluster of separate processes on loopback, each with its own web,
/// silo and gateway ports, all on one temporary data folder (so they share keys: a token from one works on every
/// other). The first host is the primary silo; the others join it, one after the other.
/// </summary>
public sealed class BrokerHosts : IAsyncDisposable
{
    private readonly List<ServerProcess> _hosts = [];
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "broker-loadtest", Guid.NewGuid().ToString("N"));

    private BrokerHosts()
    {
    }

    public IReadOnlyList<ServerProcess> Hosts => _hosts;

    public static async Task<BrokerHosts> StartAsync(string brokerDll, int count, string adminEmail, string adminPassword)
    {
        var cluster = new BrokerHosts();
        try
        {
            int? primary = null;
            for (var i = 0; i < count; i++)
            {
                var siloPort = 0;
                IEnumerable<string> Args()
                {
                    siloPort = ServerProcess.FreePort();
                    string[] args =
                    [
                        "--Broker:DataPath", cluster._dataPath,
                        "--Broker:SiloPort", Invariant(siloPort), "--Broker:GatewayPort", Invariant(ServerProcess.FreePort()),
                        "--Broker:Bootstrap:AdminEmail", adminEmail, "--Broker:Bootstrap:AdminPassword", adminPassword,
                        "--Logging:LogLevel:Default", "Warning",
                    ];
                    return primary is { } port ? [.. args, "--Broker:PrimarySiloPort", Invariant(port)] : args;
                }

                cluster._hosts.Add(await ServerProcess.StartAsync(count == 1 ? "broker" : $"broker {(char)('A' + i)}", brokerDll, Args));
                primary ??= siloPort;
            }

            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>The built broker: <paramref name="given"/>, or <c>src/Broker.Server/bin/Release/net10.0/Broker.Server.dll</c> of this checkout.</summary>
    public static string Locate(string? given)
    {
        if (given is not null)
        {
            return given;
        }

        var root = AppContext.BaseDirectory[..AppContext.BaseDirectory.IndexOf($"{Path.DirectorySeparatorChar}tools{Path.DirectorySeparatorChar}", StringComparison.Ordinal)];
        var dll = Path.Combine(root, "src", "Broker.Server", "bin", "Release", "net10.0", "Broker.Server.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the broker first: dotnet build -c Release Broker.sln", dll);
    }

    public async ValueTask DisposeAsync()
    {
        // The joined hosts first, the primary silo last, as a cluster is taken down.
        for (var i = _hosts.Count - 1; i >= 0; i--)
        {
            await _hosts[i].DisposeAsync();
        }

        if (Directory.Exists(_dataPath))
        {
            Directory.Delete(_dataPath, recursive: true);
        }
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
