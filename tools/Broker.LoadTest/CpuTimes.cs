using System.Globalization;

namespace Broker.LoadTest;

/// <summary>CPU time from /proc: of one process, and the idle time of the whole machine.</summary>
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

    /// <summary>Idle time of all cores together since boot: idle and iowait of /proc/stat.</summary>
    /// <remarks>Read against the wall clock, it tells whether anything was left of the machine, whoever used the rest.</remarks>
    public static TimeSpan IdleOfMachine()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return FromTicks(Ticks(fields[4]) + Ticks(fields[5]));
    }

    private static long Ticks(string field) => long.Parse(field, CultureInfo.InvariantCulture);

    private static TimeSpan FromTicks(long ticks) => TimeSpan.FromSeconds(ticks / TicksPerSecond);
}
