using System.Globalization;

namespace Broker.LoadTest;

/// <summary>Memory figures of a process from /proc/PID/status.</summary>
public static class ProcStatus
{
    /// <summary>VmRSS, the resident memory now, in MiB.</summary>
    public static double ResidentMiB(int processId) => Field(processId, "VmRSS:");

    /// <summary>VmHWM, the peak resident memory, in MiB.</summary>
    public static double PeakResidentMiB(int processId) => Field(processId, "VmHWM:");

    private static double Field(int processId, string name)
    {
        var line = File.ReadLines($"/proc/{processId}/status").FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal));
        return line is null ? double.NaN : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }
}
