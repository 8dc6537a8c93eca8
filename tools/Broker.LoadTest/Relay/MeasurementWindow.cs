using System.Diagnostics;

namespace Broker.LoadTest.Relay;

/// <summary>The part of a phase that counts: clients count frames only while it is open (after the warm-up).</summary>
public sealed class MeasurementWindow
{
    private readonly Stopwatch _open = new();
    private volatile bool _isOpen;

    public bool IsOpen => _isOpen;

    public TimeSpan Elapsed => _open.Elapsed;

    public void Open()
    {
        _open.Start();
        _isOpen = true;
    }

    public void Close()
    {
        _isOpen = false;
        _open.Stop();
    }

    /// <summary>Now as Unix milliseconds with a fraction, from the machine's clock that stamps frames too.</summary>
    public static double UnixMsNow() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / (double)TimeSpan.TicksPerMillisecond;
}
