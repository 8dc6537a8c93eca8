using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Azure.Storage.Blobs;
using Broker.Testing;

namespace Broker.Integration.Tests;

/// <summary>
/// Azurite's blob service as a child process, on a free loopback port with its own temporary folder, installed from
/// npm into tools/azurite (<c>npm ci --prefix tools/azurite</c>). It fails, never skips, when Node.js or the package is missing.
/// </summary>
/// <remarks>
/// Azure.Storage.Blobs 12.30 sends a newer service version than Azurite 3.37 knows, so Azurite runs with
/// <c>--skipApiVersionCheck --loose</c> instead of the client pinning an older version: the tests talk to storage
/// exactly as production does. <c>--disableTelemetry</c> because Azurite otherwise reports usage over the network.
/// </remarks>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string AccountName = "devstoreaccount1";

    /// <summary>Azurite's well-known development account key, published in its documentation; not a secret.</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const string InstallHint = "run `npm ci --prefix tools/azurite` in the repository (needs Node.js on PATH)";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;
    private DirectoryInfo? _location;

    /// <summary>The loopback port of the blob service.</summary>
    public int Port { get; private set; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{Port}/{AccountName};";

    public BlobServiceClient CreateServiceClient() => new(ConnectionString);

    public async ValueTask InitializeAsync()
    {
        var azurite = FindAzurite();
        _location = Directory.CreateTempSubdirectory("broker-azurite-");
        Port = LoopbackPort.Next();

        var start = new ProcessStartInfo(azurite)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "--blobHost", "127.0.0.1", "--blobPort", Port.ToString(CultureInfo.InvariantCulture), "--location", _location.FullName,
            "--skipApiVersionCheck", "--loose", "--silent", "--disableTelemetry",
        })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException($"{azurite} did not start.");
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException($"Azurite could not be started from {azurite}: {exception.Message}. To install it, {InstallHint}.", exception);
        }

        _process.OutputDataReceived += (_, line) => Keep(line.Data);
        _process.ErrorDataReceived += (_, line) => Keep(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilListeningAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync();
            _process.Dispose();
        }

        try
        {
            _location?.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder; the system cleans it if a file is still held.
        }
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (deadline.Elapsed < StartTimeout)
            {
            }
            catch (SocketException exception)
            {
                throw new InvalidOperationException($"Azurite did not listen on port {Port} within {StartTimeout.TotalSeconds} s.{Output()}", exception);
            }

            if (_process!.HasExited)
            {
                await _process.WaitForExitAsync();
                throw new InvalidOperationException(
                    $"Azurite exited with code {_process.ExitCode} before listening; if it is missing or broken, {InstallHint}.{Output()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    private static string FindAzurite()
    {
        if (FindOnPath(OperatingSystem.IsWindows() ? "node.exe" : "node") is null)
        {
            throw new InvalidOperationException($"Node.js (node) is not on PATH, and the integration tests need it for Azurite: install Node.js, then {InstallHint}.");
        }

        var root = RepositoryRoot();
        var azurite = Path.Combine(root, "tools", "azurite", "node_modules", ".bin", OperatingSystem.IsWindows() ? "azurite-blob.cmd" : "azurite-blob");
        return File.Exists(azurite)
            ? azurite
            : throw new InvalidOperationException($"Azurite is not installed ({azurite} is missing): {InstallHint}.");
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Broker.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Broker.sln above {AppContext.BaseDirectory}: the tests must run from the repository.");
    }

    private static string? FindOnPath(string file) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, file))
            .FirstOrDefault(File.Exists);


    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 40)
        {
            _output.TryDequeue(out _);
        }
    }

    private string Output() => _output.IsEmpty ? "" : $"{Environment.NewLine}Azurite said:{Environment.NewLine}{string.Join(Environment.NewLine, _output)}";
}
