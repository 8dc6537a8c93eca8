using System.Diagnostics;
using System.Globalization;

namespace Broker.Testing;

/// <summary>
/// What a test's child process prints, stdout and stderr line by line: all of it kept for failure messages, and each
/// line printed since the last <see cref="Follow"/> matched by at most one <see cref="WaitForLineAsync"/>, in any order
/// (a program's threads may print two lines in either order, e.g. "Joined session" and a session's start).
/// </summary>
public sealed class ProcessLines(string name)
{
    private readonly Lock _gate = new();
    private readonly List<string> _seen = [];
    private List<Line> _followed = [];
    private TaskCompletionSource _printed = NewSignal();

    /// <summary>Reads the started <paramref name="process"/>'s redirected output from now on.</summary>
    public void Follow(Process process)
    {
        var followed = new List<Line>();
        lock (_gate)
        {
            _followed = followed;
        }

        process.OutputDataReceived += (_, e) => Add(followed, e.Data);
        process.ErrorDataReceived += (_, e) => Add(followed, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>A line of the test's own among the process's (e.g. where a restart begins); never matched.</summary>
    public void Note(string line)
    {
        lock (_gate)
        {
            _seen.Add(line);
        }
    }

    /// <summary>The lines printed so far (the last <paramref name="last"/> of them), joined.</summary>
    public string Text(int last = int.MaxValue)
    {
        lock (_gate)
        {
            return string.Join('\n', _seen.TakeLast(last));
        }
    }

    /// <summary>
    /// Waits for a line containing <paramref name="text"/> that no earlier wait matched; fails with what was printed
    /// (its last <paramref name="show"/> lines) if none comes in time.
    /// </summary>
    public async Task<string> WaitForLineAsync(string text, TimeSpan? within = null, int show = int.MaxValue)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(within ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            Task printed;
            lock (_gate)
            {
                if (_followed.Find(line => !line.Matched && line.Text.Contains(text, StringComparison.Ordinal)) is { } found)
                {
                    found.Matched = true;
                    return found.Text;
                }

                printed = _printed.Task;
            }

            try
            {
                await printed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new Xunit.Sdk.XunitException($"{name} never printed '{text}'. It printed:\n{Text(show)}");
            }
        }
    }

    /// <summary>Sends <paramref name="process"/> a signal (<c>INT</c> as Ctrl+C, <c>TERM</c> as a service manager).</summary>
    public static async Task SignalAsync(Process process, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", [$"-{signal}", process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Add(List<Line> followed, string? text)
    {
        if (text is null)
        {
            return;
        }

        TaskCompletionSource printed;
        lock (_gate)
        {
            _seen.Add(text);
            followed.Add(new Line(text));
            printed = _printed;
            _printed = NewSignal();
        }

        printed.TrySetResult();
    }

    private sealed class Line(string text)
    {
        public string Text => text;

        public bool Matched { get; set; }
    }
}
