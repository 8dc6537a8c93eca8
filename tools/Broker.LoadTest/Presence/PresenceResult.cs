using System.Globalization;
using System.Text;

namespace Broker.LoadTest.Presence;

/// <summary>The figures of one phase. Times are seconds from the start of the step; null: not within the limit.</summary>
public sealed record PresenceResult(
    string Phase,
    int Endpoints,
    int Hosts,
    double? AllConnected,
    double? AllConfirmed,
    double? ReportedAllOnline,
    double HeartbeatsPerSecond,
    double HeartbeatsExpected,
    IReadOnlyList<double> KibPerConnection,
    IReadOnlyList<double> RssBeforeMib,
    IReadOnlyList<double> RssAfterMib,
    IReadOnlyList<double> ConnectCpu,
    IReadOnlyList<double> WindowCpu,
    double ClientConnectCpu,
    double ClientWindowCpu,
    IReadOnlyList<double> ClientRssMib,
    double ConnectIdleShare,
    double WindowIdleShare,
    int? DashboardOnline,
    double? KilledDropped,
    double? AgainAllConfirmed,
    double? AgainAllSinceKill,
    double? DeclaredDead,
    int? DashboardOnlineAfter,
    int OfflineReports,
    ClientStatus AfterConnect,
    ClientStatus AtEnd,
    string Timeline,
    int SettledConfirmed,
    int? SettledReported,
    int? SettledDashboard)
{
    public double ConnectRate => AllConnected is { } t ? Endpoints / t : double.NaN;

    public string Describe()
    {
        static string S(double? seconds) => seconds is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s:F1} s") : "not within the limit";
        static string List(IEnumerable<double> values, string format) => string.Join(", ", values.Select(v => v.ToString(format, CultureInfo.InvariantCulture)));
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{Phase}: {Endpoints} endpoints over {Hosts} hosts");
        var broker = Phase == "broker";
        text.Append(CultureInfo.InvariantCulture,
            $"  connect: all connected after {S(AllConnected)} ({ConnectRate:F0} connections/s), all heartbeats accepted after {S(AllConfirmed)}");
        text.AppendLine(broker ? string.Create(CultureInfo.InvariantCulture,
            $", broker reports all online (WatchPresence) after {S(ReportedAllOnline)}, dashboard online {DashboardOnline}") : "");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"  connect: start failures {AfterConnect.StartFailures}, server CPU s {List(ConnectCpu, "F1")}, client CPU s {ClientConnectCpu:F1}, idle {ConnectIdleShare:P0}");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"  steady: heartbeats accepted {HeartbeatsPerSecond:F0}/s (expected {HeartbeatsExpected:F0}/s), server CPU s {List(WindowCpu, "F1")}, " +
            $"client CPU s {ClientWindowCpu:F1}, idle {WindowIdleShare:P0}");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"  memory: RSS MiB before {List(RssBeforeMib, "F0")}, after {List(RssAfterMib, "F0")}; per connection KiB {List(KibPerConnection, "F1")}; " +
            $"client processes RSS MiB {List(ClientRssMib, "F0")}");
        text.Append(CultureInfo.InvariantCulture,
            $"  host {Hosts} killed: its endpoints dropped after {S(KilledDropped)}, all connected with their last heartbeat accepted after {S(AgainAllConfirmed)}, every endpoint had a heartbeat accepted since the kill after {S(AgainAllSinceKill)}");
        text.AppendLine(broker ? string.Create(CultureInfo.InvariantCulture,
            $"; declared dead after {S(DeclaredDead)}; dashboard online {DashboardOnlineAfter}; WatchPresence offline reports since the kill {OfflineReports}") : "");
        text.AppendLine(CultureInfo.InvariantCulture, $"  after the kill, each second (confirmed/connected/heartbeats failed so far[/WatchPresence online]): {Timeline}");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"  presence timeout + 5 s later: endpoints confirmed {SettledConfirmed}, WatchPresence online {SettledReported}, dashboard online {SettledDashboard}");
        text.Append(CultureInfo.InvariantCulture,
            $"  whole run: heartbeats accepted {AtEnd.HeartbeatsAccepted}, failed {AtEnd.HeartbeatsFailed}, start failures {AtEnd.StartFailures}, " +
            $"reconnects {AtEnd.Reconnects}, restarts {AtEnd.Restarts}");
        return text.ToString();
    }
}
