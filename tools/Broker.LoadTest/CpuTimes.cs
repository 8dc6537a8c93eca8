using System.Globalization;

namespace Broker.LoadTest;

/// <summary>CPU time from /proc: of one process, and of the whole machine, so a benchmark can tell its own from others'.</summary>
public static class CpuTimes
{
    // USER_HZ, the unit of /proc's times: 100 on x86-64 and arm64 Linux (fixed by the kernel's ABI).
    private const double TicksPerSecond = 100;

    /// <summary>utime + stime of a process (fields 14 and 15 of /proc/PID/stat).</summary>
    public static TimeSpan OfProcess(int processId)
    {
        // The fields after the command name, which is in parentheses and may hold spaces: state is field 3.
        var stat = File.ReadAllText($"/proc/{processId}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return FromTicks(Ticks(fields[11]) + Ticks(fields[12]));
    }

    /// <summary>Busy time of all cores together since boot: user, nice, system, irq, softirq and steal of /proc/stat.</summary>
    public static TimeSpan OfMachine()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return FromTicks(Ticks(fields[1]) + Ticks(fields[2]) + Ticks(fields[3]) + Ticks(fields[6]) + Ticks(fields[7]) + Ticks(fields[8]));
    }

    private static long Ticks(string field) => long.Parse(field, CultureInfo.InvariantCulture);

    private static TimeSpan FromTicks(long ticks) => TimeSpan.FromSeconds(ticks / TicksPerSecond);
}
