namespace Broker.LoadTest.Relay;

/// <summary>
/// One phase's load on servers already started: a device and a viewer per session, each on its own connection; after
/// the warm-up, a window of the given length in which the clients count and the servers' CPU time is taken.
/// </summary>
public static class RelayLoad
{
    private static readonly TimeSpan StepLimit = TimeSpan.FromSeconds(30);

    /// <summary>Runs the phase; <paramref name="startSession"/> starts session <c>i</c> for its connected device and returns its id.</summary>
    public static async Task<PhaseResult> RunAsync(
        string phase, IReadOnlyList<ServerProcess> servers, IReadOnlyList<SessionRoute> routes,
        Func<int, RelayDevice, Task<Guid>> startSession, RelayArgs args, CancellationToken cancellationToken)
    {
        var devices = new List<RelayDevice>();
        var viewers = new List<RelayViewer>();
        try
        {
            foreach (var route in routes)
            {
                devices.Add(await RelayDevice.ConnectAsync(route, args.MessagePack, cancellationToken).WaitAsync(StepLimit, cancellationToken));
                viewers.Add(await RelayViewer.ConnectAsync(route, args.MessagePack, cancellationToken).WaitAsync(StepLimit, cancellationToken));
            }

            var sessions = new Guid[routes.Count];
            for (var i = 0; i < sessions.Length; i++)
            {
                sessions[i] = await startSession(i, devices[i]).WaitAsync(StepLimit, cancellationToken);
            }

            var window = new MeasurementWindow();
            using var stopViewers = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var stopDevices = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var watching = viewers.Select((viewer, i) => viewer.WatchAsync(sessions[i], window, stopViewers.Token)).ToArray();
            var uploading = devices.Select((device, i) => device.UploadAsync(sessions[i], args, window, stopDevices.Token)).ToArray();

            await Task.Delay(args.Warmup, cancellationToken);
            var serverCpuBefore = servers.Select(s => s.CpuTime()).ToArray();
            var clientCpu = -CpuTimes.OfProcess(Environment.ProcessId);
            var machineIdle = -CpuTimes.IdleOfMachine();
            window.Open();
            await Task.Delay(args.Duration, cancellationToken);
            window.Close();
            var serverCpuAfter = servers.Select(s => s.CpuTime()).ToArray();
            clientCpu += CpuTimes.OfProcess(Environment.ProcessId);
            machineIdle += CpuTimes.IdleOfMachine();

            // Devices stop first, then viewers get a moment for the frames on their way.
            await stopDevices.CancelAsync();
            await Task.WhenAll(uploading).WaitAsync(StepLimit, cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            await stopViewers.CancelAsync();
            await Task.WhenAll(watching).WaitAsync(StepLimit, cancellationToken);

            var latencies = viewers.SelectMany(v => v.LatenciesMs).Order().ToArray();
            var errors = devices.Select(d => d.Error).Concat(viewers.Select(v => v.Error)).OfType<string>()
                .Concat(viewers.Where(v => v.Delivered == 0).Select(_ => "a viewer received no frame in the window"))
                .ToList();
            return new PhaseResult(
                phase,
                window.Elapsed.TotalSeconds,
                devices.Sum(d => d.Sent),
                devices.Sum(d => d.Unsent),
                viewers.Sum(v => v.Delivered),
                viewers.Sum(v => v.Bytes),
                viewers.Sum(v => v.Skipped),
                PhaseResult.Percentile(latencies, 0.50),
                PhaseResult.Percentile(latencies, 0.99),
                clientCpu.TotalSeconds,
                machineIdle.TotalSeconds / (window.Elapsed.TotalSeconds * Environment.ProcessorCount),
                [.. servers.Select((s, i) => new ServerFigures(s.Name, (serverCpuAfter[i] - serverCpuBefore[i]).TotalSeconds, s.PeakMemoryMiB()))],
                errors);
        }
        finally
        {
            foreach (var client in devices.Cast<IAsyncDisposable>().Concat(viewers))
            {
                try
                {
                    await client.DisposeAsync();
                }
                catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
                {
                    // The servers are stopped next anyway.
                }
            }
        }
    }
}
