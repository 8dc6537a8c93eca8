using Broker.LoadTest;
using Broker.LoadTest.Presence;
using Broker.LoadTest.Relay;

return args.FirstOrDefault() switch
{
    "relay" => await RelayBenchmark.RunAsync(RelayArgs.Parse(args), Console.Out),
    "presence" => await PresenceBenchmark.RunAsync(PresenceArgs.Parse(args), Console.Out),
    PresenceClientProcess.Command => await PresenceClientProcess.RunAsync(args[1..]),
    RelayBaselineServer.Command => await RelayBaselineServer.RunAsync(args[1..]),
    null or "enroll" => await EnrollmentBenchmark.RunAsync(BenchmarkArgs.Parse(args), Console.Out),
    var other when other.StartsWith("--", StringComparison.Ordinal) => await EnrollmentBenchmark.RunAsync(BenchmarkArgs.Parse(args), Console.Out),
    var other => Usage(other),
};

static int Usage(string command)
{
    Console.Error.WriteLine($"Unknown command '{command}'. Commands: enroll, relay, presence (see docs/benchmarks.md).");
    return 2;
}
