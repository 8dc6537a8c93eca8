using System.Globalization;

namespace Broker.LoadTest.Relay;

/// <summary>
/// What one phase measured while its window was open (peak memory: over the server process's life). Idle is the share
/// of all cores' time that nothing on the machine used: near zero, the phase measured a machine without CPU to spare.
/// </summary>
public sealed record PhaseResult(
    string Phase,
    double Seconds,
    long Sent,
    long Unsent,
    long Delivered,
    long Bytes,
    long Skipped,
    double P50Ms,
    double P99Ms,
    double ClientCpuSeconds,
    double MachineIdle,
    IReadOnlyList<ServerFigures> Servers,
    IReadOnlyList<string> Errors)
{
    public const string Header =
        "phase               sent/s  delivered/s    MB/s  p50 ms  p99 ms  skipped  unsent  server CPU s  client CPU s  idle  each server: CPU s, peak RSS";

    public double ServerCpuSeconds => Servers.Sum(s => s.CpuSeconds);

    public double SentPerSecond => Sent / Seconds;

    public double DeliveredPerSecond => Delivered / Seconds;

    /// <summary>Frame data delivered to viewers, in 10^6 bytes a second.</summary>
    public double MegabytesPerSecond => Bytes / Seconds / 1e6;

    public string Row()
    {
        var servers = string.Join("; ", Servers.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Name} {s.CpuSeconds:F1} s, {s.PeakMiB:F0} MiB")));
        return string.Create(CultureInfo.InvariantCulture,
            $"{Phase,-17} {SentPerSecond,8:F0} {DeliveredPerSecond,12:F0} {MegabytesPerSecond,7:F1} {P50Ms,7:F1} {P99Ms,7:F1} {Skipped,8} {Unsent,7} " +
            $"{ServerCpuSeconds,13:F1} {ClientCpuSeconds,13:F1} {MachineIdle,5:P0}  {servers}");
    }

    /// <summary>Each figure's median over several runs of the same phase (for an even count, the mean of the middle two).</summary>
    public static PhaseResult Median(IReadOnlyList<PhaseResult> runs) => new(
        runs[0].Phase,
        Median(runs, r => r.Seconds),
        (long)Median(runs, r => r.Sent),
        (long)Median(runs, r => r.Unsent),
        (long)Median(runs, r => r.Delivered),
        (long)Median(runs, r => r.Bytes),
        (long)Median(runs, r => r.Skipped),
        Median(runs, r => r.P50Ms),
        Median(runs, r => r.P99Ms),
        Median(runs, r => r.ClientCpuSeconds),
        Median(runs, r => r.MachineIdle),
        [.. runs[0].Servers.Select((s, i) => new ServerFigures(s.Name, Median(runs, r => r.Servers[i].CpuSeconds), Median(runs, r => r.Servers[i].PeakMiB)))],
        [.. runs.SelectMany(r => r.Errors)]);

    public static double Median<T>(IReadOnlyList<T> values, Func<T, double> figure)
    {
        var sorted = values.Select(figure).Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>The value below which <paramref name="fraction"/> of the sorted values lie (nearest rank).</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double fraction) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(sorted.Count * fraction) - 1, 0, sorted.Count - 1)];
}
