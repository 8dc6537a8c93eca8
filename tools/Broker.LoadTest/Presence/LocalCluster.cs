using System.Diagnostics;
using System.Globalization;

namespace Broker.LoadTest.Presence;

/// <summary>
/// PostgreSQL and Azurite of the run's own, started by <c>tools/local-cluster.sh up</c> in a temporary folder on free
/// loopback ports (a fresh, migrated database each run), and stopped and deleted after. <see cref="Environment"/> is the
/// script's <c>cluster.env</c>: what every Cluster-mode host needs.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    private readonly string _script;
    private readonly string _folder;

    private LocalCluster(string script, string folder, IReadOnlyDictionary<string, string> environment)
    {
        _script = script;
        _folder = folder;
        Environment = environment;
    }

    public IReadOnlyDictionary<string, string> Environment { get; }

    public static async Task<LocalCluster> StartAsync(string repositoryRoot, CancellationToken cancellationToken)
    {
        var script = Path.Combine(repositoryRoot, "tools", "local-cluster.sh");
        var folder = Path.Combine(Path.GetTempPath(), "broker-loadtest", $"cluster-{Guid.NewGuid():N}");
        var ports = new Dictionary<string, string>
        {
            ["PGPORT"] = ServerProcess.FreePort().ToString(CultureInfo.InvariantCulture),
            ["BLOBPORT"] = ServerProcess.FreePort().ToString(CultureInfo.InvariantCulture),
        };
        await RunAsync(script, "up", folder, ports, cancellationToken);
        var environment = new Dictionary<string, string>();
        foreach (var line in await File.ReadAllLinesAsync(Path.Combine(folder, "cluster.env"), cancellationToken))
        {
            if (line.IndexOf('=', StringComparison.Ordinal) is var at && at > 0)
            {
                environment[line[..at]] = line[(at + 1)..].Trim('\'');
            }
        }

        return new LocalCluster(script, folder, environment);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync(_script, "down", _folder, new Dictionary<string, string>(), CancellationToken.None);
        }
        finally
        {
            if (Directory.Exists(_folder))
            {
                Directory.Delete(_folder, recursive: true);
            }
        }
    }

    private static async Task RunAsync(string script, string action, string folder, Dictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { script, action, folder })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"tools/local-cluster.sh {action} did not finish within 5 minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"tools/local-cluster.sh {action} failed ({process.ExitCode}): {await stdout}{await stderr}");
        }
    }
}
