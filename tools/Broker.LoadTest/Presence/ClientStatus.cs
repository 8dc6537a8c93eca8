using System.Globalization;

namespace Broker.LoadTest.Presence;

/// <summary>
/// One client process's endpoints at one moment: how many are connected, confirmed (the broker accepted their last
/// heartbeat on this connection) and confirmed since the last mark; and its counters so far.
/// </summary>
public sealed record ClientStatus(
    int Connected, int Confirmed, int ConfirmedSinceMark, long HeartbeatsAccepted, long HeartbeatsFailed, long StartFailures,
    long Reconnects, long Restarts)
{
    public static readonly ClientStatus None = new(0, 0, 0, 0, 0, 0, 0, 0);

    private const string Prefix = "status ";

    public string ToLine() => string.Create(CultureInfo.InvariantCulture,
        $"{Prefix}{Connected} {Confirmed} {ConfirmedSinceMark} {HeartbeatsAccepted} {HeartbeatsFailed} {StartFailures} {Reconnects} {Restarts}");

    public static ClientStatus? TryParse(string line)
    {
        if (!line.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var f = line[Prefix.Length..].Split(' ').Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        return new ClientStatus((int)f[0], (int)f[1], (int)f[2], f[3], f[4], f[5], f[6], f[7]);
    }

    public static ClientStatus Sum(IEnumerable<ClientStatus> all) => all.Aggregate(None, (a, b) => new ClientStatus(
        a.Connected + b.Connected, a.Confirmed + b.Confirmed, a.ConfirmedSinceMark + b.ConfirmedSinceMark,
        a.HeartbeatsAccepted + b.HeartbeatsAccepted, a.HeartbeatsFailed + b.HeartbeatsFailed, a.StartFailures + b.StartFailures,
        a.Reconnects + b.Reconnects, a.Restarts + b.Restarts));
}
