using System.CommandLine;
using System.CommandLine.Invocation;

namespace Broker.Endpoint;

/// <summary>broker-endpoint as a method, so that tests and other hosts can run it in-process.</summary>
public static class EndpointProgram
{
    /// <summary>Runs one broker-endpoint command line and returns its exit code (see <see cref="ExitCodes"/>).</summary>
    /// <param name="args">The arguments, without the program name.</param>
    /// <param name="stdout">Where results and the connection's status go, one line each.</param>
    /// <param name="stderr">Where errors, warnings and questions go.</param>
    /// <param name="stdin">Where answers to questions come from.</param>
    /// <param name="cancellationToken">Stops the command: <c>run</c> and <c>join</c> disconnect and return 0, <c>setup</c> returns 130.</param>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, TextReader stdin, CancellationToken cancellationToken) =>
        RunAsync(args, stdout, stderr, stdin, EndpointEnvironment.Machine, cancellationToken);

    internal static async Task<int> RunAsync(
        string[] args, TextWriter stdout, TextWriter stderr, TextReader stdin, EndpointEnvironment environment, CancellationToken cancellationToken)
    {
        // The connection reports from SignalR's threads while a consent question may be waiting for an answer.
        stdout = TextWriter.Synchronized(stdout);
        stderr = TextWriter.Synchronized(stderr);
        using var app = new EndpointApp(stdout, stderr, stdin, environment);
        var parse = app.BuildRoot().Parse(args);

        // The library's own error report prints the whole help text; a short error and a pointer read better in a service's log.
        if (parse.Action is ParseErrorAction)
        {
            foreach (var error in parse.Errors)
            {
                await stderr.WriteLineAsync($"error: {error.Message}");
            }

            await stderr.WriteLineAsync($"Run '{CommandPath(parse.CommandResult.Command)} --help' for usage.");
            return ExitCodes.Usage;
        }

        // Signals are the host's business (Program.cs turns them into the token), not the library's.
        var invocation = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        return await parse.InvokeAsync(invocation, cancellationToken);
    }

    private static string CommandPath(Command command) =>
        command is RootCommand ? "broker-endpoint" : $"broker-endpoint {command.Name}";
}
