using System.Text;

namespace Broker.Endpoint.Tests;

/// <summary>A thread-safe writer that keeps what the endpoint printed, for assertions and for waiting on a line.</summary>
public sealed class LineWriter : TextWriter
{
    private readonly StringBuilder text = new();

    public override Encoding Encoding => Encoding.UTF8;

    public string Text
    {
        get
        {
            lock (text)
            {
                return text.ToString();
            }
        }
    }

    public override void Write(char value)
    {
        lock (text)
        {
            text.Append(value);
        }
    }

    public override void Write(string? value)
    {
        lock (text)
        {
            text.Append(value);
        }
    }

    public int Count(string fragment)
    {
        var all = Text;
        var count = 0;
        for (var at = all.IndexOf(fragment, StringComparison.Ordinal); at >= 0; at = all.IndexOf(fragment, at + fragment.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>Waits until <paramref name="fragment"/> was printed at least <paramref name="times"/> times.</summary>
    public Task WaitForAsync(string fragment, int times = 1, TimeSpan? within = null) =>
        Eventually.HoldsAsync(() => Count(fragment) >= times, () => $"'{fragment}' printed {times} time(s); printed so far:\n{Text}", within);

    public override string ToString() => Text;
}
