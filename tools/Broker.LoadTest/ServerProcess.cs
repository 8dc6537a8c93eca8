using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Broker.LoadTest;

/// <summary>
/// A server the benchmark starts as a child process (<c>dotnet some.dll …</c>) on loopback and stops after; ready when
/// <c>/health/ready</c> answers. Reports the process's CPU time and peak memory from /proc.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, string name, Uri address)
    {
        _process = process;
        Name = name;
        Address = address;
    }

    public string Name { get; }

    public Uri Address { get; }

    public int ProcessId => _process.Id;

    /// <summary>
    /// Starts <c>dotnet <paramref name="dll"/> ARGS --urls http://127.0.0.1:PORT</c> and waits until it is ready. Free
    /// ports are only bound by the child a moment later, so another process may take one first: a child that exits
    /// before it is ready is started again, on new ports (<paramref name="args"/> is asked again), up to three times.
    /// </summary>
    /// <remarks>
    /// <paramref name="environment"/> is added to the child's environment; <paramref name="output"/>, when given, sees each
    /// line the child writes to standard output (standard error goes to this process's, prefixed with the name).
    /// </remarks>
    public static async Task<ServerProcess> StartAsync(
        string name, string dll, Func<IEnumerable<string>> args, IReadOnlyDictionary<string, string>? environment = null, Action<string>? output = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await TryStartAsync(name, dll, args(), environment, output) is { } server)
            {
                return server;
            }

            if (attempt == 3)
            {
                throw new InvalidOperationException($"{name} exited before it was ready, three times.");
            }

            Console.Error.WriteLine($"{name} exited before it was ready; starting it again on other ports.");
        }
    }

    private static async Task<ServerProcess?> TryStartAsync(
        string name, string dll, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment, Action<string>? output)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        foreach (var arg in args.Prepend(dll).Concat(["--urls", $"http://127.0.0.1:{port}"]))
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) { output?.Invoke(line); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) { Console.Error.WriteLine($"{name}: {line}"); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, name, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            if (process.HasExited)
            {
                await server.DisposeAsync();
                return null;
            }

            if (DateTime.UtcNow > deadline)
            {
                await server.DisposeAsync();
                throw new InvalidOperationException($"{name} did not become ready within 60 s.");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>The process's peak resident memory (VmHWM) in MiB, from /proc.</summary>
    public double PeakMemoryMiB() => ProcStatus.PeakResidentMiB(_process.Id);

    /// <summary>The process's resident memory now (VmRSS) in MiB, from /proc.</summary>
    public double MemoryMiB() => ProcStatus.ResidentMiB(_process.Id);

    /// <summary>Whether the process has ended (killed, or crashed).</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>As a crash or a pulled plug: SIGKILL, no shutdown code runs; returns once the process is gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>CPU time the process has used so far, user and system (utime + stime of /proc/PID/stat).</summary>
    public TimeSpan CpuTime() => CpuTimes.OfProcess(_process.Id);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
