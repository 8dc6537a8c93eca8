using System.Globalization;
using Broker.Contracts.Hubs;

namespace Broker.LoadTest.Relay;

/// <summary>
/// Live relay: K sessions, each a device uploading F frames/s of S KiB and one viewer watching, in three phases of one
/// run, each on freshly started server processes on loopback: the baseline (a plain SignalR hub in one process, no
/// Orleans: <see cref="RelayBaselineHub"/>), the broker on one host, and the broker on three hosts with every viewer on
/// another host than its device (session i: device on host i mod 3, viewer on the next one). The clients are the same
/// in every phase; the ratios broker/baseline are what to read.
/// </summary>
public static class RelayBenchmark
{
    public static async Task<int> RunAsync(RelayArgs args, TextWriter output)
    {
        var brokerDll = BrokerHosts.Locate(args.BrokerDll);
        using var limit = new CancellationTokenSource(args.Limit);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"live relay: {args.Sessions} sessions x {args.Fps} fps x {args.FrameKb} KiB ({args.Sessions * args.Fps} frames/s offered), {args.Protocol}, " +
            $"{args.Duration.TotalSeconds:F0} s per phase after {args.Warmup.TotalSeconds:F0} s warm-up; {Environment.ProcessorCount} cores shared by clients and servers"));
        var runs = new List<PhaseResult[]>();
        for (var run = 1; run <= args.Runs; run++)
        {
            PhaseResult[] phases =
            [
                await BaselineAsync(args, limit.Token),
                await BrokerAsync(brokerDll, 1, args, limit.Token),
                await BrokerAsync(brokerDll, 3, args, limit.Token),
            ];
            runs.Add(phases);
            output.WriteLine();
            output.WriteLine($"run {run} of {args.Runs}:");
            Print(output, phases, [Ratios(phases)]);
        }

        if (args.Runs > 1)
        {
            output.WriteLine();
            output.WriteLine($"medians of {args.Runs} runs:");
            Print(output, [.. Enumerable.Range(0, runs[0].Length).Select(p => PhaseResult.Median([.. runs.Select(r => r[p])]))], [.. runs.Select(Ratios)]);
        }

        var errors = runs.SelectMany(r => r).SelectMany(p => p.Errors.Select(e => $"{p.Phase}: {e}")).Distinct().ToList();
        foreach (var error in errors)
        {
            output.WriteLine($"error: {error}");
        }

        return errors.Count == 0 ? 0 : 1;
    }

    private static async Task<PhaseResult> BaselineAsync(RelayArgs args, CancellationToken cancellationToken)
    {
        await using var server = await ServerProcess.StartAsync("baseline", typeof(RelayBenchmark).Assembly.Location,
            () => [RelayBaselineServer.Command, "--Logging:LogLevel:Default", "Warning"]);
        var hub = new Uri(server.Address, RelayBaselineHub.Route);
        var routes = Enumerable.Range(0, args.Sessions).Select(_ => new SessionRoute(hub, null, hub, null)).ToList();
        return await RelayLoad.RunAsync("baseline", [server], routes, (_, _) => Task.FromResult(Guid.NewGuid()), args, cancellationToken);
    }

    private static async Task<PhaseResult> BrokerAsync(string brokerDll, int hostCount, RelayArgs args, CancellationToken cancellationToken)
    {
        await using var cluster = await BrokerHosts.StartAsync(brokerDll, hostCount, RelayArgs.AdminEmail, RelayArgs.AdminPassword);
        var hosts = cluster.Hosts;
        using var scene = await BrokerScene.CreateAsync(hosts[0].Address, args.Sessions, cancellationToken);
        var routes = scene.Devices.Select((device, i) => new SessionRoute(
            new Uri(hosts[i % hostCount].Address, HubRoutes.Device), device.DeviceToken,
            new Uri(hosts[(i + 1) % hostCount].Address, HubRoutes.Agent), scene.AgentToken)).ToList();

        // The agent starts each session from the host its viewer uses; the device learns of it with StartSession.
        async Task<Guid> StartSession(int i, RelayDevice device)
        {
            var sessionId = await scene.StartSessionAsync(hosts[(i + 1) % hostCount].Address, scene.Devices[i].DeviceId, cancellationToken);
            return await device.Started == sessionId ? sessionId : throw new InvalidOperationException($"The device was told of another session than {sessionId}.");
        }

        return await RelayLoad.RunAsync(hostCount == 1 ? "broker 1 host" : $"broker {hostCount} hosts", hosts, routes, StartSession, args, cancellationToken);
    }

    /// <summary>Each broker phase against the baseline of the same run: throughput, p50 and p99 latency.</summary>
    private static double[] Ratios(PhaseResult[] phases) =>
    [
        .. phases.Skip(1).SelectMany(broker => new[]
        {
            broker.DeliveredPerSecond / phases[0].DeliveredPerSecond, broker.P50Ms / phases[0].P50Ms, broker.P99Ms / phases[0].P99Ms,
        }),
    ];

    private static void Print(TextWriter output, PhaseResult[] phases, IReadOnlyList<double[]> ratios)
    {
        output.WriteLine(PhaseResult.Header);
        foreach (var phase in phases)
        {
            output.WriteLine(phase.Row());
        }

        for (var p = 1; p < phases.Length; p++)
        {
            var at = (p - 1) * 3;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ratio {phases[p].Phase} / baseline: throughput {PhaseResult.Median(ratios, r => r[at]):F2}, " +
                $"p50 latency {PhaseResult.Median(ratios, r => r[at + 1]):F2}x, p99 latency {PhaseResult.Median(ratios, r => r[at + 2]):F2}x"));
        }
    }
}
