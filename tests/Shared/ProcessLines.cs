using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;

namespace Broker.Testing;

/// <summary>
/// What a test's child process prints, stdout and stderr line by line: all of it kept for failure messages, and each
/// line awaitable once (<see cref="WaitForLineAsync"/>), counting from the last <see cref="Follow"/>.
/// </summary>
public sealed class ProcessLines(string name)
{
    private readonly List<string> _seen = [];
    private Channel<string> _lines = Channel.CreateUnbounded<string>();

    /// <summary>Reads the started <paramref name="process"/>'s redirected output from now on.</summary>
    public void Follow(Process process)
    {
        var lines = Channel.CreateUnbounded<string>();
        _lines = lines;
        process.OutputDataReceived += (_, e) => Add(lines, e.Data);
        process.ErrorDataReceived += (_, e) => Add(lines, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>A line of the test's own among the process's (e.g. where a restart begins).</summary>
    public void Note(string line)
    {
        lock (_seen)
        {
            _seen.Add(line);
        }
    }

    /// <summary>The lines printed so far (the last <paramref name="last"/> of them), joined.</summary>
    public string Text(int last = int.MaxValue)
    {
        lock (_seen)
        {
            return string.Join('\n', _seen.TakeLast(last));
        }
    }

    /// <summary>Waits for a line containing <paramref name="text"/>; fails with what was printed if none comes in time.</summary>
    public async Task<string> WaitForLineAsync(string text, TimeSpan? within = null, int show = int.MaxValue)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(within ?? TimeSpan.FromSeconds(60));
        try
        {
            while (true)
            {
                var line = await _lines.Reader.ReadAsync(timeout.Token);
                if (line.Contains(text, StringComparison.Ordinal))
                {
                    return line;
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or ChannelClosedException)
        {
            throw new Xunit.Sdk.XunitException($"{name} never printed '{text}'. It printed:\n{Text(show)}");
        }
    }

    /// <summary>Sends <paramref name="process"/> a signal (<c>INT</c> as Ctrl+C, <c>TERM</c> as a service manager).</summary>
    public static async Task SignalAsync(Process process, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", [$"-{signal}", process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
    }

    private void Add(Channel<string> lines, string? line)
    {
        if (line is null)
        {
            return;
        }

        Note(line);
        lines.Writer.TryWrite(line);
    }
}
