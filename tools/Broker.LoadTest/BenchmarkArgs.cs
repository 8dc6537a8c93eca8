using System.Globalization;

namespace Broker.LoadTest;

/// <summary>
/// <c>broker-loadtest enroll [--devices N] [--concurrency C] [--server URL --admin-password P] [--broker-dll PATH]</c>.
/// Without <c>--server</c> it starts a fresh broker (Local mode, temporary data folder) on loopback and stops it after.
/// </summary>
public sealed record BenchmarkArgs(int Devices, int Concurrency, Uri? Server, string AdminEmail, string AdminPassword, string? BrokerDll, TimeSpan Limit)
{
    public static BenchmarkArgs Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Number(string name, int fallback) => Value(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
        return new BenchmarkArgs(
            Number("--devices", 5000),
            Number("--concurrency", 64),
            Value("--server") is { } server ? new Uri(server) : null,
            Value("--admin-email") ?? "admin@localhost",
            Value("--admin-password") ?? "loadtest-admin-password",
            Value("--broker-dll"),
            TimeSpan.FromSeconds(Number("--limit-seconds", 600)));
    }
}
