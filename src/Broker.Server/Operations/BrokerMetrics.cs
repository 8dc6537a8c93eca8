using System.Diagnostics.Metrics;
using Broker.Grains.Sessions;

namespace Broker.Server.Operations;

/// <summary>
/// The broker's own instruments on the <c>Broker</c> meter, per host: what an operator watches on a dashboard. Tags carry
/// kinds and outcomes only, never ids, names or addresses (they would be personal data and unbounded series).
/// </summary>
public sealed class BrokerMetrics : IFrameRelayMetrics, IDisposable
{
    public const string MeterName = "Broker";

    private readonly Meter _meter;
    private readonly UpDownCounter<long> _devicesConnected;
    private readonly UpDownCounter<long> _sessionsActive;
    private readonly Counter<long> _sessionsStarted;
    private readonly Counter<long> _framesUploaded;
    private readonly Counter<long> _framesRelayed;
    private readonly Counter<long> _framesDropped;
    private readonly Counter<long> _enrollments;
    private readonly Counter<long> _loginsFailed;

    public BrokerMetrics(BrokerMetricsScope scope)
    {
        var meter = _meter = new Meter(new MeterOptions(MeterName) { Scope = scope });
        _devicesConnected = meter.CreateUpDownCounter<long>("broker.devices.connected", "{device}",
            "Enrolled endpoints connected to this host's device hub.");
        _sessionsActive = meter.CreateUpDownCounter<long>("broker.sessions.active", "{session}",
            "Sessions whose endpoint is connected to this host: an attended customer's, or an unattended device's frame upload.");
        _sessionsStarted = meter.CreateCounter<long>("broker.sessions.started", "{session}", "Sessions agents started on this host.");
        _framesUploaded = meter.CreateCounter<long>("broker.frames.uploaded", "{frame}", "Frames devices uploaded through this host.");
        _framesRelayed = meter.CreateCounter<long>("broker.frames.relayed", "{frame}", "Frames this host sent to viewers.");
        _framesDropped = meter.CreateCounter<long>("broker.frames.dropped", "{frame}",
            "Frames skipped for a slow viewer on this host (at=viewer: replaced before it took them, or older than one it had), or by " +
            "the session grains on this host for a slow viewer host (at=host: replaced before that host's previous frame was taken).");
        _enrollments = meter.CreateCounter<long>("broker.enrollments", "{enrollment}", "Enrollment attempts on this host, by method and outcome.");
        _loginsFailed = meter.CreateCounter<long>("broker.logins.failed", "{login}", "Failed sign-ins (and step-ups) on this host, by reason.");

        // Every series exists from the start, so a scrape shows 0 rather than nothing.
        _devicesConnected.Add(0);
        _sessionsActive.Add(0, KindTag(SessionKind.Attended));
        _sessionsActive.Add(0, KindTag(SessionKind.Unattended));
        _framesUploaded.Add(0);
        _framesRelayed.Add(0);
        _framesDropped.Add(0, AtViewer);
        _framesDropped.Add(0, AtHost);
        _loginsFailed.Add(0, ReasonTag(LoginFailure.Credentials));
        _loginsFailed.Add(0, ReasonTag(LoginFailure.Throttled));
    }

    public void DeviceConnected() => _devicesConnected.Add(1);

    public void DeviceDisconnected() => _devicesConnected.Add(-1);

    public void SessionConnected(SessionKind kind) => _sessionsActive.Add(1, KindTag(kind));

    public void SessionDisconnected(SessionKind kind) => _sessionsActive.Add(-1, KindTag(kind));

    public void SessionStarted(SessionKind kind) => _sessionsStarted.Add(1, KindTag(kind));

    public void FrameUploaded() => _framesUploaded.Add(1);

    public void FrameRelayed() => _framesRelayed.Add(1);

    public void FrameDropped() => _framesDropped.Add(1, AtViewer);

    /// <inheritdoc/>
    public void FrameSkippedForHost() => _framesDropped.Add(1, AtHost);

    /// <summary>An enrollment by <paramref name="method"/> (installer, portal, session) that succeeded or was refused.</summary>
    public void Enrollment(string method, bool succeeded) =>
        _enrollments.Add(1, new KeyValuePair<string, object?>("method", method), new KeyValuePair<string, object?>("outcome", succeeded ? "enrolled" : "refused"));

    public void LoginFailed(LoginFailure reason) => _loginsFailed.Add(1, ReasonTag(reason));

    public void Dispose() => _meter.Dispose();

    private static KeyValuePair<string, object?> AtViewer => new("at", "viewer");

    private static KeyValuePair<string, object?> AtHost => new("at", "host");

    private static KeyValuePair<string, object?> KindTag(SessionKind kind) =>
        new("kind", kind == SessionKind.Attended ? "attended" : "unattended");

    private static KeyValuePair<string, object?> ReasonTag(LoginFailure reason) =>
        new("reason", reason == LoginFailure.Throttled ? "throttled" : "credentials");
}
