namespace Broker.LoadTest.Presence;

/// <summary>The servers of one phase (the baseline's or the broker's hosts) and how to ask them what they report.</summary>
/// <param name="Name">baseline or broker.</param>
/// <param name="Servers">The hosts, in the order of <see cref="PlannedEndpoint.Host"/>; the last one is killed.</param>
/// <param name="HubPath">The hub the endpoints connect to.</param>
/// <param name="Endpoints">Who connects where.</param>
/// <param name="ReportedOnline">How many devices the broker reports online now (WatchPresence); none for the baseline.</param>
/// <param name="DashboardOnline">The dashboard's online count; none for the baseline.</param>
/// <param name="DeclaredDead">When the hosts that stay logged that the killed one left the cluster; none for the baseline.</param>
/// <param name="OfflineReports">How many times WatchPresence said a device went offline so far; none for the baseline.</param>
public sealed record PresencePhase(
    string Name, IReadOnlyList<ServerProcess> Servers, string HubPath, IReadOnlyList<PlannedEndpoint> Endpoints,
    Func<int>? ReportedOnline, Func<CancellationToken, Task<int>>? DashboardOnline, Func<DateTimeOffset?>? DeclaredDead, Func<int>? OfflineReports);
