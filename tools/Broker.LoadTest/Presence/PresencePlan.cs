namespace Broker.LoadTest.Presence;

/// <summary>
/// What one client process is to do (written by the benchmark as a JSON file): connect its endpoints to the hub at
/// <see cref="HubPath"/> of their hosts from <see cref="SourceAddress"/>, and heartbeat every <see cref="HeartbeatSeconds"/>.
/// </summary>
public sealed record PresencePlan(
    IReadOnlyList<string> Hosts, string HubPath, string SourceAddress, int HeartbeatSeconds, int ConnectConcurrency,
    long DeadlineUnixMs, IReadOnlyList<PlannedEndpoint> Endpoints);
