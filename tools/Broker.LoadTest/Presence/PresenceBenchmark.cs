using System.Diagnostics;
using System.Globalization;
using Broker.Contracts.Hubs;
using Broker.LoadTest.Relay;

namespace Broker.LoadTest.Presence;

/// <summary>
/// Presence at scale: N endpoints connect to H hosts and heartbeat; one host is killed (SIGKILL) and its endpoints
/// reconnect to the others. Two phases in one run, with the same client processes and steps: the baseline, H plain SignalR
/// hub processes without Orleans (<see cref="RelayBaselineHub"/>, whose Heartbeat does nothing), and the broker, H hosts in
/// Cluster mode on a PostgreSQL and Azurite of the run's own (<c>tools/local-cluster.sh</c>).
/// </summary>
public static class PresenceBenchmark
{
    /// <summary>Kestrel's connection caps on every server, below the 20,000 open files a process may hold here: overload is refused, never fatal.</summary>
    private const int ConnectionCap = 18_000;

    /// <summary>The listen backlog of every server: the kernel's cap here (net.core.somaxconn), for the reconnect storm.</summary>
    private const int ListenBacklog = 4096;

    public static async Task<int> RunAsync(PresenceArgs args, TextWriter output)
    {
        var brokerDll = BrokerHosts.Locate(args.BrokerDll);
        var deadline = DateTimeOffset.UtcNow + args.Limit;
        using var limit = new CancellationTokenSource(args.Limit);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"presence: {args.Devices} endpoints over {args.Hosts} hosts, heartbeat every {args.Heartbeat.TotalSeconds:F0} s, presence timeout " +
            $"{args.PresenceTimeout.TotalSeconds:F0} s, {args.ClientProcesses} client process(es), {args.ConnectConcurrency} connects at once per process, " +
            $"steady window {args.Window.TotalSeconds:F0} s; {Environment.ProcessorCount} cores shared by clients and servers"));
        var results = new List<PresenceResult>();
        if (args.Baseline)
        {
            results.Add(await BaselineAsync(args, deadline, limit.Token));
            output.WriteLine(results[^1].Describe());
        }

        results.Add(await BrokerAsync(brokerDll, args, deadline, output, limit.Token));
        output.WriteLine(results[^1].Describe());
        if (results.Count == 2)
        {
            var (baseline, broker) = (results[0], results[1]);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ratio broker / baseline: connect rate {broker.ConnectRate / baseline.ConnectRate:F2}, memory per connection " +
                $"{broker.KibPerConnection.Average() / baseline.KibPerConnection.Average():F1}x, steady server CPU " +
                $"{broker.WindowCpu.Sum() / baseline.WindowCpu.Sum():F1}x"));
        }

        var complete = results.All(r => r.AllConfirmed is not null && r.AgainAllConfirmed is not null) && results[^1].ReportedAllOnline is not null;
        return complete ? 0 : 1;
    }

    private static async Task<PresenceResult> BaselineAsync(PresenceArgs args, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var servers = new List<ServerProcess>();
        try
        {
            for (var i = 0; i < args.Hosts; i++)
            {
                servers.Add(await ServerProcess.StartAsync($"baseline {(char)('A' + i)}", typeof(PresenceBenchmark).Assembly.Location,
                    () => [RelayBaselineServer.Command, "--Logging:LogLevel:Default", "Warning", .. WebFrontSettings()]));
            }

            var endpoints = Enumerable.Range(0, args.Devices).Select(i => new PlannedEndpoint(null, i % args.Hosts)).ToList();
            return await MeasureAsync(new PresencePhase("baseline", servers, RelayBaselineHub.Route, endpoints, null, null, null, null), args, deadline, cancellationToken);
        }
        finally
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
        }
    }

    private static async Task<PresenceResult> BrokerAsync(string brokerDll, PresenceArgs args, DateTimeOffset deadline, TextWriter output, CancellationToken cancellationToken)
    {
        var root = brokerDll[..brokerDll.IndexOf($"{Path.DirectorySeparatorChar}src{Path.DirectorySeparatorChar}", StringComparison.Ordinal)];
        await using var cluster = await LocalCluster.StartAsync(root, cancellationToken);
        var environment = new Dictionary<string, string>(cluster.Environment)
        {
            ["Broker__Bootstrap__AdminEmail"] = PresenceArgs.AdminEmail,
            ["Broker__Bootstrap__AdminPassword"] = PresenceArgs.AdminPassword,
            ["Broker__Presence__Timeout"] = args.PresenceTimeout.ToString("c", CultureInfo.InvariantCulture),
        };
        DateTimeOffset? declaredDead = null;
        var servers = new List<ServerProcess>();
        try
        {
            for (var i = 0; i < args.Hosts; i++)
            {
                Action<string>? watch = i == 0 ? line => { if (line.Contains("left the cluster", StringComparison.Ordinal)) { declaredDead ??= DateTimeOffset.UtcNow; } } : null;
                servers.Add(await ServerProcess.StartAsync($"broker {(char)('A' + i)}", brokerDll, () =>
                [
                    "--Broker:SiloPort", Invariant(ServerProcess.FreePort()), "--Broker:GatewayPort", Invariant(ServerProcess.FreePort()),
                    "--Logging:LogLevel:Default", "Warning", "--Logging:LogLevel:Broker.Server.Hubs.ConnectionRefresher", "Information",
                    .. WebFrontSettings(),
                ], environment, watch));
            }

            var hosts = servers.Select(s => s.Address).ToList();
            using var scene = await PresenceScene.CreateAsync(hosts, args.Devices, cancellationToken);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"broker: enrolled {args.Devices} devices in {scene.Enrolment.TotalSeconds:F1} s ({args.Devices / scene.Enrolment.TotalSeconds:F0}/s, installer method, 64 at a time)"));
            await using var watcher = await PresenceWatcher.StartAsync(hosts[0], scene.AgentToken, cancellationToken);
            var endpoints = scene.Devices.Select((d, i) => new PlannedEndpoint(d.DeviceToken, i % args.Hosts)).ToList();
            var phase = new PresencePhase(
                "broker", servers, HubRoutes.Device, endpoints, () => watcher.Online, scene.DashboardOnlineAsync, () => declaredDead, () => watcher.OfflineReports);
            return await MeasureAsync(phase, args, deadline, cancellationToken);
        }
        finally
        {
            for (var i = servers.Count - 1; i >= 0; i--)
            {
                await servers[i].DisposeAsync();
            }
        }
    }

    private static async Task<PresenceResult> MeasureAsync(PresencePhase phase, PresenceArgs args, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var servers = phase.Servers;
        var n = phase.Endpoints.Count;
        var hosts = servers.Select(s => s.Address.ToString().TrimEnd('/')).ToList();
        await using var fleet = await ClientFleet.StartAsync(hosts, phase.HubPath, phase.Endpoints, args, deadline);

        // Connect: every endpoint at once (K at a time per client process), until the broker has accepted every heartbeat.
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        var rssBefore = servers.Select(s => s.MemoryMiB()).ToList();
        var (cpu, clientCpu, idle) = (Cpu(servers), fleet.CpuTime(), CpuTimes.IdleOfMachine());
        var clock = Stopwatch.StartNew();
        await fleet.SendAsync("connect");
        double? allConnected = null, allConfirmed = null, reported = null;
        while (clock.Elapsed < args.OnlineLimit && (allConnected is null || allConfirmed is null || (phase.ReportedOnline is not null && reported is null)))
        {
            var total = fleet.Total;
            allConnected ??= total.Connected == n ? clock.Elapsed.TotalSeconds : null;
            allConfirmed ??= total.Confirmed == n ? clock.Elapsed.TotalSeconds : null;
            reported ??= phase.ReportedOnline?.Invoke() == n ? clock.Elapsed.TotalSeconds : null;
            await Task.Delay(20, cancellationToken);
        }

        var connectElapsed = clock.Elapsed;
        var connectCpu = Minus(Cpu(servers), cpu);
        var clientConnectCpu = fleet.CpuTime() - clientCpu;
        var connectIdle = (CpuTimes.IdleOfMachine() - idle) / (connectElapsed * Environment.ProcessorCount);
        var afterConnect = fleet.Total;

        // Steady: a window of heartbeats, after the connect storm has settled.
        await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        (cpu, clientCpu, idle) = (Cpu(servers), fleet.CpuTime(), CpuTimes.IdleOfMachine());
        var beats = fleet.Total.HeartbeatsAccepted;
        var window = Stopwatch.StartNew();
        await Task.Delay(args.Window, cancellationToken);
        var heartbeatsPerSecond = (fleet.Total.HeartbeatsAccepted - beats) / window.Elapsed.TotalSeconds;
        var windowCpu = Minus(Cpu(servers), cpu);
        var clientWindowCpu = fleet.CpuTime() - clientCpu;
        var windowIdle = (CpuTimes.IdleOfMachine() - idle) / (window.Elapsed * Environment.ProcessorCount);
        var rssAfter = servers.Select(s => s.MemoryMiB()).ToList();
        var perHost = Enumerable.Range(0, servers.Count).Select(h => phase.Endpoints.Count(e => e.Host == h)).ToList();
        var kibPerConnection = Enumerable.Range(0, servers.Count).Select(h => (rssAfter[h] - rssBefore[h]) * 1024 / perHost[h]).ToList();
        var clientRss = fleet.MemoryMiB();
        int? dashboard = phase.DashboardOnline is { } ask ? await ask(cancellationToken) : null;

        // Kill the last host; its endpoints reconnect to the others.
        var offlineBefore = phase.OfflineReports?.Invoke() ?? 0;
        await fleet.SendAsync("mark");
        var killed = servers[^1];
        var killedAt = DateTimeOffset.UtcNow;
        clock.Restart();
        await killed.KillAsync();
        using var sampling = new CancellationTokenSource();
        var timeline = SampleAsync(fleet, phase.ReportedOnline, clock, sampling.Token);
        var dropped = await fleet.WaitUntilAsync(t => t.Confirmed < n, clock, TimeSpan.FromSeconds(30), cancellationToken);
        var again = dropped is null ? null : await fleet.WaitUntilAsync(t => t.Confirmed == n, clock, args.OnlineLimit, cancellationToken);
        var sinceKill = again is null ? null : await fleet.WaitUntilAsync(t => t.ConfirmedSinceMark == n, clock, args.OnlineLimit, cancellationToken);
        await sampling.CancelAsync();
        int? dashboardAfter = phase.DashboardOnline is { } askAgain ? await askAgain(cancellationToken) : null;

        // Once the connections the killed host held are past the presence timeout everywhere: what the broker says now.
        await Task.Delay(args.PresenceTimeout + TimeSpan.FromSeconds(5), cancellationToken);
        int? settledDashboard = phase.DashboardOnline is { } askLast ? await askLast(cancellationToken) : null;
        var settledReported = phase.ReportedOnline?.Invoke();
        var settledConfirmed = fleet.Total.Confirmed;
        var offlineReports = (phase.OfflineReports?.Invoke() ?? 0) - offlineBefore;
        var declared = phase.DeclaredDead?.Invoke() is { } at ? (at - killedAt).TotalSeconds : (double?)null;

        return new PresenceResult(
            phase.Name, n, servers.Count, allConnected, allConfirmed, reported, heartbeatsPerSecond, n / args.Heartbeat.TotalSeconds,
            kibPerConnection, rssBefore, rssAfter, connectCpu, windowCpu, clientConnectCpu.TotalSeconds, clientWindowCpu.TotalSeconds, clientRss,
            connectIdle, windowIdle, dashboard, dropped?.TotalSeconds, again?.TotalSeconds, sinceKill?.TotalSeconds, declared, dashboardAfter, offlineReports,
            afterConnect, fleet.Total, await timeline, settledConfirmed, settledReported, settledDashboard);
    }

    /// <summary>Every second: how many endpoints are confirmed and connected, how many heartbeats failed so far, and how many devices the broker reports online.</summary>
    private static async Task<string> SampleAsync(ClientFleet fleet, Func<int>? reportedOnline, Stopwatch clock, CancellationToken stop)
    {
        var samples = new List<string>();
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stop);
                var t = fleet.Total;
                samples.Add(string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds:F0}s {t.Confirmed}/{t.Connected}/{t.HeartbeatsFailed}{(reportedOnline is null ? "" : $"/{reportedOnline()}")}"));
            }
        }
        catch (OperationCanceledException)
        {
            return string.Join(", ", samples);
        }
    }

    private static string[] WebFrontSettings() =>
    [
        "--Kestrel:Limits:MaxConcurrentConnections", Invariant(ConnectionCap),
        "--Kestrel:Limits:MaxConcurrentUpgradedConnections", Invariant(ConnectionCap),
        "--Broker:ListenBacklog", Invariant(ListenBacklog),
    ];

    private static List<double> Cpu(IReadOnlyList<ServerProcess> servers) => [.. servers.Select(s => s.HasExited ? double.NaN : s.CpuTime().TotalSeconds)];

    private static List<double> Minus(List<double> after, List<double> before) => [.. after.Zip(before, (a, b) => a - b)];

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
