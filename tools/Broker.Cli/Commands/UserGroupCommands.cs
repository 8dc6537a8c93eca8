using System.CommandLine;
using System.Globalization;
using Broker.Contracts;
using Broker.Contracts.UserGroups;

namespace Broker.Cli.Commands;

/// <summary><c>brokerctl user-groups</c>: groups of agents and what they may do.</summary>
internal static class UserGroupCommands
{
    private static readonly string[] Columns = ["ID", "NAME", "UNATTENDED", "ATTENDED", "AGENTS", "CREATED"];

    public static Command Create(CliApp app) => new("user-groups", "Manage user groups and their support settings")
    {
        List(app), Get(app), CreateGroup(app), Update(app), Delete(app),
    };

    private static Command List(CliApp app)
    {
        var command = new Command("list", "List the user groups");
        app.SetAction(command, async invocation =>
        {
            var reply = await invocation.SignedIn().GetAsync<UserGroupResponse[]>(Routes.UserGroups, invocation.CancellationToken);
            invocation.Output.ShowList(reply, "No user groups.", Columns, group =>
                [group.Id.ToString(), group.Name, Format.YesNo(group.Settings.UnattendedSupport), Format.YesNo(group.Settings.AttendedSupport),
                 group.AgentCount.ToString(CultureInfo.InvariantCulture), Format.Time(group.CreatedAt)]);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Get(CliApp app)
    {
        var id = CliSymbols.IdArgument("user group");
        var command = new Command("get", "Show one user group") { id };
        app.SetAction(command, async invocation =>
        {
            var reply = await invocation.SignedIn().GetAsync<UserGroupResponse>(Routes.UserGroup(invocation.Value(id)), invocation.CancellationToken);
            invocation.Output.Show(reply, group => Show(invocation.Output, group));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateGroup(CliApp app)
    {
        var name = new Option<string>("--name") { Description = "The group's name", HelpName = "NAME", Required = true };
        var settings = new UserGroupSettingOptions();
        var command = new Command("create", "Create a user group (unattended support off and attended support on unless given)") { name };
        settings.AddTo(command);
        app.SetAction(command, async invocation =>
        {
            var reply = await invocation.SignedIn().PostAsync<CreateUserGroupRequest, UserGroupResponse>(
                Routes.UserGroups, new CreateUserGroupRequest(invocation.Value(name), settings.Patch(invocation)), invocation.CancellationToken);
            invocation.Output.Show(reply, group =>
            {
                invocation.Output.Line($"Created user group {group.Id}.");
                Show(invocation.Output, group);
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Update(CliApp app)
    {
        var id = CliSymbols.IdArgument("user group");
        var name = new Option<string?>("--name") { Description = "A new name", HelpName = "NAME" };
        var settings = new UserGroupSettingOptions();
        var command = new Command("update", "Rename a user group or change its settings") { id, name };
        settings.AddTo(command);
        app.SetAction(command, async invocation =>
        {
            var request = new UpdateUserGroupRequest(invocation.Value(name), settings.Patch(invocation));
            if (request is { Name: null, Settings: null })
            {
                throw CliException.Usage("nothing to change: give --name, --unattended or --attended");
            }

            var reply = await invocation.SignedIn().PatchAsync<UpdateUserGroupRequest, UserGroupResponse>(
                Routes.UserGroup(invocation.Value(id)), request, invocation.CancellationToken);
            invocation.Output.Show(reply, group => Show(invocation.Output, group));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Delete(CliApp app)
    {
        var id = CliSymbols.IdArgument("user group");
        var command = new Command("delete", "Delete a user group; it must have no agents left") { id };
        app.SetAction(command, async invocation =>
        {
            await invocation.SignedIn().DeleteAsync(Routes.UserGroup(invocation.Value(id)), invocation.CancellationToken);
            if (!invocation.Output.Json)
            {
                invocation.Output.Line($"Deleted user group {invocation.Value(id)}.");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void Show(Output output, UserGroupResponse group) => output.Fields(
        ("Id", group.Id.ToString()),
        ("Name", group.Name),
        ("Unattended support", Format.YesNo(group.Settings.UnattendedSupport)),
        ("Attended support", Format.YesNo(group.Settings.AttendedSupport)),
        ("Agents", group.AgentCount.ToString(CultureInfo.InvariantCulture)),
        ("Created", Format.Time(group.CreatedAt)));
}
