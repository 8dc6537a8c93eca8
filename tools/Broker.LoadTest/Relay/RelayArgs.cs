using System.Globalization;

namespace Broker.LoadTest.Relay;

/// <summary>
/// <c>broker-loadtest relay [--sessions K] [--fps F] [--frame-kb S] [--seconds T] [--protocol messagepack|json]
/// [--warmup-seconds W] [--runs N] [--broker-dll PATH]</c>: K sessions, each a device uploading F frames/s of S KiB and one
/// viewer, for T seconds per phase after W seconds of warm-up; N runs of all phases, then the medians.
/// </summary>
public sealed record RelayArgs(
    int Sessions, int Fps, int FrameKb, TimeSpan Duration, TimeSpan Warmup, bool MessagePack, int Runs, string? BrokerDll)
{
    public const string AdminEmail = "admin@localhost";
    public const string AdminPassword = "loadtest-admin-password";

    public int FrameBytes => FrameKb * 1024;

    public string Protocol => MessagePack ? "messagepack" : "json";

    /// <summary>How long one run of every phase may take at most, set-up and tear-down included, before it is abandoned.</summary>
    public TimeSpan Limit => (Duration + Warmup + TimeSpan.FromSeconds(90)) * 3 * Runs;

    public static RelayArgs Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Number(string name, int fallback, int max) => Value(name) is { } text
            ? int.Parse(text, CultureInfo.InvariantCulture) is var n && n >= 1 && n <= max ? n : throw new ArgumentException($"{name} is 1 to {max}.")
            : fallback;
        var protocol = Value("--protocol") ?? "messagepack";
        return new RelayArgs(
            Number("--sessions", 20, 1000),
            Number("--fps", 30, 120),
            Number("--frame-kb", 100, 4096),
            TimeSpan.FromSeconds(Number("--seconds", 15, 300)),
            TimeSpan.FromSeconds(Number("--warmup-seconds", 5, 60)),
            protocol switch
            {
                "messagepack" => true,
                "json" => false,
                _ => throw new ArgumentException("--protocol is messagepack or json."),
            },
            Number("--runs", 1, 10),
            Value("--broker-dll"));
    }
}
