using System.Diagnostics;
using System.Globalization;
using Broker.Testing;

namespace Broker.Integration.Tests.Cluster;

/// <summary>
/// One broker host as a real process (<c>dotnet Broker.Server.dll</c>) on fixed loopback ports, so it can be killed
/// (SIGKILL), stopped gracefully (SIGTERM) and started again at the same address. Its output can be awaited.
/// </summary>
public sealed class BrokerProcess : IAsyncDisposable
{
    /// <summary>How many of the last lines a failure shows: a host prints many.</summary>
    private const int ShownLines = 200;

    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(5) };

    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly ProcessLines _output;
    private Process? _process;

    public BrokerProcess(string name, IReadOnlyDictionary<string, string> environment)
    {
        Name = name;
        WebPort = LoopbackPort.Next();
        SiloPort = LoopbackPort.Next();
        GatewayPort = LoopbackPort.Next();
        _environment = environment;
        _output = new ProcessLines(name);
    }

    public string Name { get; }

    public int WebPort { get; }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public Uri Address => new($"http://127.0.0.1:{WebPort.ToString(CultureInfo.InvariantCulture)}/");

    public bool HasExited => _process is null || _process.HasExited;

    public int ExitCode => _process!.ExitCode;

    /// <summary>What this host printed, for failure messages.</summary>
    public string Output => _output.Text(last: ShownLines);

    /// <summary>Starts the process (again, after it ended) and waits until <c>/health/ready</c> says it is ready.</summary>
    public async Task StartAsync(TimeSpan? within = null)
    {
        var dll = Broker.Server.Tests.BuiltProgram.Locate(Path.Combine("src", "Broker.Server"), "Broker.Server.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["ASPNETCORE_URLS"] = Address.ToString().TrimEnd('/');
        start.Environment["Broker__SiloPort"] = SiloPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["Broker__GatewayPort"] = GatewayPort.ToString(CultureInfo.InvariantCulture);
        _output.Note($"--- {Name} starting on {Address} (silo {SiloPort})");
        var process = Process.Start(start)!;
        _output.Follow(process);
        _process = process;
        await WaitReadyAsync(within ?? TimeSpan.FromSeconds(90));
    }

    /// <summary>As a crash or a pulled plug: SIGKILL, no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        _process!.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>As systemd or Kubernetes stop a host: SIGTERM, then the exit code once it has shut down.</summary>
    public async Task<int> TerminateAsync(TimeSpan? within = null)
    {
        var process = _process!;
        await ProcessLines.SignalAsync(process, "TERM");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(within ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"{Name} did not stop within its time after SIGTERM. It printed:\n{Output}");
        }

        return process.ExitCode;
    }

    /// <summary>Waits for an output line containing <paramref name="text"/> (printed since the last start).</summary>
    public Task<string> WaitForLineAsync(string text, TimeSpan? within = null) => _output.WaitForLineAsync(text, within, show: ShownLines);

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
    }

    private async Task WaitReadyAsync(TimeSpan within)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process!.HasExited)
            {
                // HasExited does not mean its output has all been read: waiting for the exit does.
                await _process.WaitForExitAsync(TestContext.Current.CancellationToken);
                throw new Xunit.Sdk.XunitException($"{Name} exited with code {_process.ExitCode} before it was ready. It printed:\n{Output}");
            }

            try
            {
                using var ready = await Probe.GetAsync(new Uri(Address, "health/ready"), TestContext.Current.CancellationToken);
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !TestContext.Current.CancellationToken.IsCancellationRequested)
            {
            }

            if (deadline.Elapsed > within)
            {
                throw new Xunit.Sdk.XunitException($"{Name} was not ready within {within.TotalSeconds} s. It printed:\n{Output}");
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }
}
