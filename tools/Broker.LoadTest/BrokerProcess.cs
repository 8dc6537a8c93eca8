using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Broker.LoadTest;

/// <summary>A broker started for the benchmark on loopback, with a temporary data folder; reports its peak memory.</summary>
public sealed class BrokerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dataPath;

    private BrokerProcess(Process process, Uri address, string dataPath)
    {
        _process = process;
        Address = address;
        _dataPath = dataPath;
    }

    public Uri Address { get; }

    public int ProcessId => _process.Id;

    public static async Task<BrokerProcess> StartAsync(string brokerDll, string adminEmail, string adminPassword)
    {
        var port = FreePort();
        var dataPath = Path.Combine(Path.GetTempPath(), "broker-loadtest", Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
        {
            brokerDll, "--urls", $"http://127.0.0.1:{port}", "--Broker:DataPath", dataPath,
            "--Broker:SiloPort", FreePort().ToString(), "--Broker:GatewayPort", FreePort().ToString(),
            "--Broker:Bootstrap:AdminEmail", adminEmail, "--Broker:Bootstrap:AdminPassword", adminPassword,
            "--Logging:LogLevel:Default", "Warning",
        })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) { Console.Error.WriteLine($"broker: {line}"); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var broker = new BrokerProcess(process, new Uri($"http://127.0.0.1:{port}"), dataPath);
        using var http = new HttpClient { BaseAddress = broker.Address };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    return broker;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await broker.DisposeAsync();
                throw new InvalidOperationException("The broker did not become ready within 60 s.");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>The process's peak resident memory (VmHWM) in MiB, from /proc.</summary>
    public double PeakMemoryMiB()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? double.NaN : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        if (Directory.Exists(_dataPath))
        {
            Directory.Delete(_dataPath, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
