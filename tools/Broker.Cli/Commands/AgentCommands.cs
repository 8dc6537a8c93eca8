using System.CommandLine;
using System.Globalization;
using Broker.Contracts;
using Broker.Contracts.Agents;

namespace Broker.Cli.Commands;

/// <summary><c>brokerctl agents</c>: the accounts of agents and admins.</summary>
internal static class AgentCommands
{
    private static readonly string[] Columns = ["ID", "EMAIL", "DISPLAY NAME", "ROLE", "USER GROUP", "UNATTENDED", "DEVICE GROUPS"];

    public static Command Create(CliApp app) => new("agents", "Manage agent and admin accounts")
    {
        List(app), Get(app), CreateAgent(app), Update(app), Delete(app),
    };

    private static Command List(CliApp app)
    {
        var command = new Command("list", "List the agents and admins");
        app.SetAction(command, async invocation =>
        {
            var reply = await invocation.SignedIn().GetAsync<AgentResponse[]>(Routes.Agents, invocation.CancellationToken);
            invocation.Output.ShowList(reply, "No agents.", Columns, agent =>
                [agent.Id.ToString(), agent.Email, agent.DisplayName, Format.Enum(agent.Role), agent.UserGroupId.ToString(),
                 Format.Enum(agent.UnattendedSupport), agent.DeviceGroupIds.Count.ToString(CultureInfo.InvariantCulture)]);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Get(CliApp app)
    {
        var id = CliSymbols.IdArgument("agent");
        var command = new Command("get", "Show one agent") { id };
        app.SetAction(command, async invocation =>
        {
            var reply = await invocation.SignedIn().GetAsync<AgentResponse>(Routes.Agent(invocation.Value(id)), invocation.CancellationToken);
            invocation.Output.Show(reply, agent => Show(invocation.Output, agent));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateAgent(CliApp app)
    {
        var options = new AgentOptions(creating: true);
        var password = new PasswordOptions("new account's password");
        var command = new Command("create", "Create an agent or admin account");
        options.AddTo(command);
        password.AddTo(command);
        app.SetAction(command, async invocation =>
        {
            var broker = invocation.SignedIn();
            var request = new CreateAgentRequest(
                invocation.Value(options.Email),
                invocation.Value(options.DisplayName),
                password.Read(invocation, isNew: true),
                invocation.Value(options.Role),
                invocation.Value(options.UserGroup),
                invocation.Value(options.Unattended),
                invocation.Value(options.DeviceGroups) ?? []);
            var reply = await broker.PostAsync<CreateAgentRequest, AgentResponse>(Routes.Agents, request, invocation.CancellationToken);
            invocation.Output.Show(reply, agent =>
            {
                invocation.Output.Line($"Created agent {agent.Id}.");
                Show(invocation.Output, agent);
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Update(CliApp app)
    {
        var id = CliSymbols.IdArgument("agent");
        var options = new AgentOptions(creating: false);
        var password = new PasswordOptions("new password");
        var command = new Command("update", "Change an agent; what is not given stays as it is") { id };
        options.AddTo(command);
        password.AddTo(command);
        app.SetAction(command, async invocation =>
        {
            var broker = invocation.SignedIn();
            var setsPassword = invocation.Has(password.Password) || invocation.Value(password.Stdin);
            var request = new UpdateAgentRequest(
                invocation.Value(options.Email),
                invocation.Value(options.DisplayName),
                setsPassword ? password.Read(invocation, isNew: true) : null,
                invocation.Value(options.Role),
                invocation.Value(options.UserGroup),
                invocation.Value(options.Unattended),
                options.DeviceGroupChange(invocation));
            if (request == new UpdateAgentRequest(null, null, null, null, null, null, null))
            {
                throw CliException.Usage("nothing to change: give at least one option (see brokerctl agents update --help)");
            }

            var reply = await broker.PatchAsync<UpdateAgentRequest, AgentResponse>(Routes.Agent(invocation.Value(id)), request, invocation.CancellationToken);
            invocation.Output.Show(reply, agent => Show(invocation.Output, agent));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Delete(CliApp app)
    {
        var id = CliSymbols.IdArgument("agent");
        var command = new Command("delete", "Delete an agent or admin account") { id };
        app.SetAction(command, async invocation =>
        {
            await invocation.SignedIn().DeleteAsync(Routes.Agent(invocation.Value(id)), invocation.CancellationToken);
            if (!invocation.Output.Json)
            {
                invocation.Output.Line($"Deleted agent {invocation.Value(id)}.");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void Show(Output output, AgentResponse agent) => output.Fields(
        ("Id", agent.Id.ToString()),
        ("Email", agent.Email),
        ("Display name", agent.DisplayName),
        ("Role", Format.Enum(agent.Role)),
        ("User group", agent.UserGroupId.ToString()),
        ("Unattended support", Format.Enum(agent.UnattendedSupport)),
        ("Device groups", Format.Ids(agent.DeviceGroupIds)),
        ("Created", Format.Time(agent.CreatedAt)));
}
