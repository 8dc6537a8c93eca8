using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Broker.Contracts;

namespace Broker.LoadTest.Presence;

/// <summary>
/// The presence benchmark's client processes (<see cref="PresenceClientProcess"/>), started with their plans and driven
/// through their standard input; their latest status lines, summed, say where all the endpoints are.
/// </summary>
public sealed class ClientFleet : IAsyncDisposable
{
    private readonly List<Process> _processes = [];
    private readonly ClientStatus[] _latest;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "broker-loadtest", $"presence-{Guid.NewGuid():N}");
    private readonly Lock _gate = new();

    private ClientFleet(int count) => _latest = [.. Enumerable.Repeat(ClientStatus.None, count)];

    public IReadOnlyList<int> ProcessIds => [.. _processes.Select(p => p.Id)];

    public ClientStatus Total
    {
        get
        {
            lock (_gate)
            {
                return ClientStatus.Sum(_latest);
            }
        }
    }

    /// <summary>
    /// Splits <paramref name="endpoints"/> into processes of at most <see cref="PresenceArgs.ClientsPerProcess"/>, process k on source
    /// address 127.0.0.(k + 1), and waits until each has built its connections (not connected yet).
    /// </summary>
    public static async Task<ClientFleet> StartAsync(
        IReadOnlyList<string> hosts, string hubPath, IReadOnlyList<PlannedEndpoint> endpoints, PresenceArgs args, DateTimeOffset deadline)
    {
        var chunks = endpoints.Chunk(args.ClientsPerProcess).ToList();
        var fleet = new ClientFleet(chunks.Count);
        Directory.CreateDirectory(fleet._folder);
        try
        {
            var ready = new List<Task>();
            for (var k = 0; k < chunks.Count; k++)
            {
                var plan = new PresencePlan(hosts, hubPath, $"127.0.0.{k + 1}", (int)args.Heartbeat.TotalSeconds, args.ConnectConcurrency,
                    deadline.ToUnixTimeMilliseconds(), chunks[k]);
                var file = Path.Combine(fleet._folder, $"plan-{k}.json");
                await File.WriteAllTextAsync(file, JsonSerializer.Serialize(plan, BrokerJson.Options));
                ready.Add(fleet.Start(k, file));
            }

            await Task.WhenAll(ready).WaitAsync(TimeSpan.FromSeconds(120));
            return fleet;
        }
        catch
        {
            await fleet.DisposeAsync();
            throw;
        }
    }

    public Task SendAsync(string command) => Task.WhenAll(_processes.Select(async p =>
    {
        await p.StandardInput.WriteLineAsync(command);
        await p.StandardInput.FlushAsync();
    }));

    /// <summary>How long until <paramref name="condition"/> holds of the total (checked every 20 ms), or null after <paramref name="limit"/>.</summary>
    public async Task<TimeSpan?> WaitUntilAsync(Func<ClientStatus, bool> condition, Stopwatch since, TimeSpan limit, CancellationToken cancellationToken)
    {
        while (since.Elapsed < limit)
        {
            if (condition(Total))
            {
                return since.Elapsed;
            }

            if (_processes.FirstOrDefault(p => p.HasExited) is { } gone)
            {
                throw new InvalidOperationException($"A client process ended early (exit code {gone.ExitCode}).");
            }

            await Task.Delay(20, cancellationToken);
        }

        return null;
    }

    /// <summary>utime + stime of all client processes so far.</summary>
    public TimeSpan CpuTime() => _processes.Aggregate(TimeSpan.Zero, (sum, p) => sum + CpuTimes.OfProcess(p.Id));

    /// <summary>Resident memory of each client process now, in MiB.</summary>
    public IReadOnlyList<double> MemoryMiB() => [.. _processes.Select(p => ProcStatus.ResidentMiB(p.Id))];

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes.Where(p => !p.HasExited))
        {
            try
            {
                await process.StandardInput.WriteLineAsync("stop");
                await process.StandardInput.FlushAsync();
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // Gone already.
            }
        }

        foreach (var process in _processes)
        {
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private Task Start(int index, string planFile)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var arg in new[] { typeof(ClientFleet).Assembly.Location, PresenceClientProcess.Command, planFile })
        {
            start.ArgumentList.Add(arg);
        }

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { } line)
            {
                ready.TrySetException(new InvalidOperationException($"Client process {index} ended before it was ready."));
                return;
            }

            if (line == "ready")
            {
                ready.TrySetResult();
            }
            else if (ClientStatus.TryParse(line) is { } status)
            {
                lock (_gate)
                {
                    _latest[index] = status;
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"clients {index}: {line}"));
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
        return ready.Task;
    }
}
