using System.CommandLine;
using Broker.Cli.Commands;

namespace Broker.Cli;

/// <summary>One run of brokerctl: its streams, its HTTP handler, and the command tree bound to them.</summary>
internal sealed class CliApp(TextWriter stdout, TextWriter stderr, TextReader stdin, HttpMessageHandler? handler)
{
    public GlobalOptions Globals { get; } = new();

    public TextWriter Out => stdout;

    public TextWriter Error => stderr;

    public TextReader In => stdin;

    public HttpMessageHandler? Handler => handler;

    public RootCommand BuildRoot()
    {
        var root = new RootCommand("brokerctl: administer a remote-support broker (user groups, agents, device groups, devices, audit log).");
        Globals.AddTo(root);
        foreach (var command in SessionCommands.Create(this))
        {
            root.Subcommands.Add(command);
        }

        root.Subcommands.Add(UserGroupCommands.Create(this));
        root.Subcommands.Add(AgentCommands.Create(this));
        root.Subcommands.Add(DeviceGroupCommands.Create(this));
        root.Subcommands.Add(DeviceCommands.Create(this));
        root.Subcommands.Add(SupportSessionCommands.Create(this));
        root.Subcommands.Add(DeviceCommands.Dashboard(this));
        root.Subcommands.Add(InstallerCommands.Create(this));
        root.Subcommands.Add(AuditCommand.Create(this));
        root.Subcommands.Add(DatabaseCommands.Create(this));
        return root;
    }

    /// <summary>Runs <paramref name="action"/> for <paramref name="command"/>, turning expected failures into messages and exit codes.</summary>
    public void SetAction(Command command, Func<Invocation, Task<int>> action) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                using var invocation = new Invocation(this, parse, cancellationToken);
                return await action(invocation);
            }
            catch (CliException failure)
            {
                await stderr.WriteLineAsync($"error: {failure.Message}");
                foreach (var detail in failure.Details)
                {
                    await stderr.WriteLineAsync($"  {detail}");
                }

                return failure.ExitCode;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await stderr.WriteLineAsync("error: interrupted");
                return ExitCodes.Interrupted;
            }
        });
}
