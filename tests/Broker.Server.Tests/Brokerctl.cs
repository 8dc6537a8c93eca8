using System.Diagnostics;
using System.Text.Json;

namespace Broker.Server.Tests;

/// <summary>Runs the real brokerctl as a process, with its own config folder, as a person at a shell would.</summary>
public sealed class Brokerctl : IDisposable
{
    private static readonly string Assembly = BuiltProgram.Locate(Path.Combine("tools", "Broker.Cli"), "brokerctl.dll");

    public string ConfigDir { get; } = Path.Combine(Path.GetTempPath(), "brokerctl-tests", Guid.NewGuid().ToString("N"));

    public async Task<CliRun> RunAsync(string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Assembly);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["BROKERCTL_CONFIG_DIR"] = ConfigDir;
        start.Environment["HOME"] = ConfigDir;
        using var process = Process.Start(start)!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteLineAsync(stdin);
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"brokerctl {string.Join(' ', args)} did not finish within 60 s");
        }

        return new CliRun(process.ExitCode, await stdout, await stderr);
    }

    public void Dispose()
    {
        if (Directory.Exists(ConfigDir))
        {
            Directory.Delete(ConfigDir, recursive: true);
        }
    }
}

/// <summary>How a brokerctl run ended.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public JsonElement Json => JsonDocument.Parse(Stdout).RootElement;

    public override string ToString() => $"exit {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}";
}
