using System.Diagnostics;
using System.Globalization;
using Broker.Testing;
using Npgsql;

namespace Broker.Integration.Tests.Postgres;

/// <summary>
/// A PostgreSQL server of its own for the test run: <c>initdb</c> into a temporary folder, started with <c>pg_ctl</c>
/// on a free port of 127.0.0.1 only, stopped and deleted afterwards. The server programs come from Debian's packages
/// (tools/test.sh installs them); as root it runs as the <c>postgres</c> user, since PostgreSQL refuses to run as root.
/// It fails, never skips, when PostgreSQL is missing or does not start.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string User = "broker";
    private const string InstallHint = "install Debian's postgresql package (tools/test.sh does when it is missing)";

    private string _bin = "";
    private DirectoryInfo? _root;
    private bool _started;

    public int Port { get; private set; }

    private string DataFolder => Path.Combine(_root!.FullName, "data");

    /// <summary>A connection string for the server's own <c>postgres</c> database.</summary>
    public string AdminConnectionString => ConnectionString("postgres");

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = User,
        Database = database,
        Pooling = true,
        MaxPoolSize = 50,
    }.ConnectionString;

    public async ValueTask InitializeAsync()
    {
        _bin = FindBinaries();
        _root = Directory.CreateTempSubdirectory("broker-postgres-");
        if (RunningAsRoot)
        {
            await RunAsync("chown", ["postgres", _root.FullName], asPostgres: false);
        }

        await RunAsync(Path.Combine(_bin, "initdb"), ["-D", DataFolder, "-U", User, "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"]);
        for (var attempt = 1; ; attempt++)
        {
            Port = LoopbackPort.Next();
            var options = string.Join(' ',
                $"-c listen_addresses=127.0.0.1 -p {Port.ToString(CultureInfo.InvariantCulture)} -k {_root.FullName}",
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400");
            var (code, output) = await TryRunAsync(Path.Combine(_bin, "pg_ctl"),
                ["-D", DataFolder, "-l", Path.Combine(_root.FullName, "server.log"), "-w", "-t", "60", "-o", options, "start"]);
            if (code == 0)
            {
                _started = true;
                return;
            }

            if (attempt == 3)
            {
                throw new InvalidOperationException($"PostgreSQL did not start on 127.0.0.1:{Port}:\n{output}\n{ServerLog()}");
            }
        }
    }

    /// <summary>A new, empty database; each test gets its own so tests never see each other's data.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"broker_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_started)
        {
            await TryRunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataFolder, "-m", "immediate", "-w", "stop"]);
        }

        try
        {
            _root?.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder; the system cleans it if a file is still held.
        }
    }

    private static bool RunningAsRoot => !OperatingSystem.IsWindows() && Environment.UserName == "root";

    private static string FindBinaries()
    {
        var versions = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(folder => Path.Combine(folder, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var v) ? v : 0)
                .ToList()
            : [];
        if (versions.Count > 0)
        {
            return versions[0];
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(folder => File.Exists(Path.Combine(folder, "initdb")));
        return onPath ?? throw new InvalidOperationException($"PostgreSQL's server programs (initdb, pg_ctl) were not found: {InstallHint}.");
    }

    private async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asPostgres = true)
    {
        var (code, output) = await TryRunAsync(program, arguments, asPostgres);
        if (code != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', arguments)} failed with exit code {code}:\n{output}");
        }
    }

    private static async Task<(int Code, string Output)> TryRunAsync(string program, IReadOnlyList<string> arguments, bool asPostgres = true)
    {
        var start = new ProcessStartInfo(asPostgres && RunningAsRoot ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres && RunningAsRoot)
        {
            foreach (var argument in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{program} did not finish within 90 s.");
        }

        return (process.ExitCode, (await stdout) + (await stderr));
    }

    private string ServerLog()
    {
        var log = Path.Combine(_root!.FullName, "server.log");
        return File.Exists(log) ? $"Its log:\n{File.ReadAllText(log)}" : "";
    }
}
