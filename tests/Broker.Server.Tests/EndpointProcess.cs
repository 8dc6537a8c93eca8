using System.Diagnostics;
using Broker.Testing;

namespace Broker.Server.Tests;

/// <summary>The real broker-endpoint program as a process: its output lines can be awaited; it is killed on dispose.</summary>
public sealed class EndpointProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ProcessLines _output = new("broker-endpoint");

    private EndpointProcess(Process process)
    {
        _process = process;
        _output.Follow(process);
    }

    /// <summary>Everything the program printed so far, for failure messages.</summary>
    public string Output => _output.Text();

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <c>dotnet &lt;entry&gt; args</c>; <paramref name="stdin"/> lines are written and the input closed.</summary>
    public static EndpointProcess Start(string entryDll, IEnumerable<string> args, string home, IDictionary<string, string> environment, params string[] stdin)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(entryDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["HOME"] = home;
        start.Environment["XDG_CONFIG_HOME"] = Path.Combine(home, ".config");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start)!;
        var endpoint = new EndpointProcess(process);
        foreach (var line in stdin)
        {
            process.StandardInput.WriteLine(line);
        }

        process.StandardInput.Close();
        return endpoint;
    }

    /// <summary>Waits for an output line containing <paramref name="text"/>; fails with everything printed if none comes in time.</summary>
    public Task<string> WaitForLineAsync(string text, TimeSpan? within = null) => _output.WaitForLineAsync(text, within);

    public async Task<int> WaitForExitAsync(TimeSpan? within = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(within ?? TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    /// <summary>Ctrl+C: SIGINT, then the exit code once the program has stopped.</summary>
    public async Task<int> InterruptAsync()
    {
        await ProcessLines.SignalAsync(_process, "INT");
        return await WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
