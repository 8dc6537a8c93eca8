using System.Diagnostics;

namespace Broker.Console.Tests;

/// <summary>The committed console (src/Broker.Server/wwwroot) is exactly what tools/build-console.sh makes from src/Broker.Console.</summary>
public sealed class ConsoleBuildTests : IDisposable
{
    private readonly string _output = Path.Combine(Path.GetTempPath(), "console-build", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task The_committed_console_is_what_the_build_script_makes_from_the_sources()
    {
        Assert.True(File.Exists(Repository.PathOf("src", "Broker.Console", "node_modules", ".bin", "esbuild")),
            "The console's packages are not installed: run `npm ci --prefix src/Broker.Console` (tools/test.sh does).");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repository.Root };
        start.ArgumentList.Add(Repository.PathOf("tools", "build-console.sh"));
        start.ArgumentList.Add(_output);
        using var build = Process.Start(start)!;
        var errors = build.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var output = build.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        await build.WaitForExitAsync(timeout.Token);
        Assert.True(build.ExitCode == 0, $"tools/build-console.sh failed:\n{await output}\n{await errors}");

        var committed = Repository.PathOf("src", "Broker.Server", "wwwroot");
        var built = Directory.GetFiles(_output).Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(built, Directory.GetFiles(committed).Select(Path.GetFileName).Order().ToArray());
        foreach (var name in built)
        {
            var fresh = await File.ReadAllBytesAsync(Path.Combine(_output, name!), TestContext.Current.CancellationToken);
            var kept = await File.ReadAllBytesAsync(Path.Combine(committed, name!), TestContext.Current.CancellationToken);
            Assert.True(fresh.SequenceEqual(kept),
                $"src/Broker.Server/wwwroot/{name} is not what the sources build: run tools/build-console.sh and commit the result.");
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_output))
        {
            Directory.Delete(_output, recursive: true);
        }
    }
}
