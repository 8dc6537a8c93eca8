using System.CommandLine;
using System.CommandLine.Invocation;

namespace Broker.Cli;

/// <summary>brokerctl as a method, so that tests and other hosts can run it in-process.</summary>
public static class Cli
{
    /// <summary>Runs one brokerctl command line and returns its exit code (see <see cref="ExitCodes"/>).</summary>
    /// <param name="args">The arguments, without the program name.</param>
    /// <param name="stdout">Where results go: tables, key: value lines, or JSON.</param>
    /// <param name="stderr">Where errors, warnings and prompts go.</param>
    /// <param name="stdin">Where <c>--password-stdin</c> and non-interactive password input are read from.</param>
    /// <param name="handler">An HTTP handler to send requests through instead of the network (in-process tests).</param>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, TextReader stdin, HttpMessageHandler? handler = null)
    {
        var app = new CliApp(stdout, stderr, stdin, handler);
        var parse = app.BuildRoot().Parse(args);

        // The library's own error report prints the whole help text; a short error and a pointer read better in scripts' logs.
        if (parse.Action is ParseErrorAction)
        {
            foreach (var error in parse.Errors)
            {
                await stderr.WriteLineAsync($"error: {error.Message}");
            }

            await stderr.WriteLineAsync($"Run '{CommandPath(parse.CommandResult.Command)} --help' for usage.");
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
    }

    private static string CommandPath(Command command)
    {
        var names = new List<string>();
        for (Symbol? symbol = command; symbol is Command { } current; symbol = current.Parents.FirstOrDefault())
        {
            names.Insert(0, current is RootCommand ? "brokerctl" : current.Name);
        }

        return string.Join(' ', names);
    }
}
