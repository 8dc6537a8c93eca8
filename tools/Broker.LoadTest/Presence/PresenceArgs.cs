using System.Globalization;

namespace Broker.LoadTest.Presence;

/// <summary>
/// <c>broker-loadtest presence [--devices N] [--hosts H] [--heartbeat-seconds S] [--presence-timeout-seconds T]
/// [--seconds W] [--clients-per-process C] [--connect-concurrency K] [--limit-seconds L] [--no-baseline] [--broker-dll PATH]</c>:
/// N endpoints over H hosts, heartbeating every S seconds, a steady window of W seconds, at most C clients in one client
/// process (each with a loopback source address of its own), K connection attempts at once per client process; the whole
/// run stops by itself after L seconds.
/// </summary>
public sealed record PresenceArgs(
    int Devices, int Hosts, TimeSpan Heartbeat, TimeSpan PresenceTimeout, TimeSpan Window, int ClientsPerProcess,
    int ConnectConcurrency, TimeSpan Limit, bool Baseline, string? BrokerDll)
{
    public const string AdminEmail = "admin@localhost";
    public const string AdminPassword = "loadtest-admin-password";

    /// <summary>How long all endpoints may take to come online, at first and again after a host is killed.</summary>
    public TimeSpan OnlineLimit => TimeSpan.FromSeconds(Math.Max(120, Devices / 50));

    public int ClientProcesses => (Devices + ClientsPerProcess - 1) / ClientsPerProcess;

    public static PresenceArgs Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Number(string name, int fallback, int min, int max) => Value(name) is { } text
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
                ? n
                : throw new ArgumentException($"{name} is a whole number from {min} to {max}.")
            : fallback;
        var heartbeat = Number("--heartbeat-seconds", 5, 1, 300);
        var parsed = new PresenceArgs(
            Number("--devices", 5000, 1, 200_000),
            Number("--hosts", 3, 2, 5),
            TimeSpan.FromSeconds(heartbeat),
            TimeSpan.FromSeconds(Number("--presence-timeout-seconds", 3 * heartbeat, 1, 3600)),
            TimeSpan.FromSeconds(Number("--seconds", 20, 5, 600)),
            Number("--clients-per-process", 5000, 1, 15_000),
            Number("--connect-concurrency", 32, 1, 1000),
            TimeSpan.FromSeconds(Number("--limit-seconds", 1800, 60, 86_400)),
            !args.Contains("--no-baseline"),
            Value("--broker-dll"));
        return parsed.PresenceTimeout > parsed.Heartbeat
            ? parsed
            : throw new ArgumentException("--presence-timeout-seconds must be longer than --heartbeat-seconds.");
    }
}
