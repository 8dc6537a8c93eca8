using System.CommandLine;
using Broker.Contracts;
using Broker.Contracts.DeviceGroups;

namespace Broker.Cli.Commands;

/// <summary><c>brokerctl device-groups</c>: groups of devices (a customer's "company") and their enrollment codes.</summary>
internal static class DeviceGroupCommands
{
    private static readonly string[] Columns = ["ID", "NAME", "ENROLLMENT CODE", "CREATED"];

    public static Command Create(CliApp app) => new("device-groups", "Manage device groups and their enrollment codes")
    {
        List(app), Get(app), CreateGroup(app), Rename(app), Delete(app), RotateCode(app), RevokeCode(app),
    };

    private static Command List(CliApp app)
    {
        var command = new Command("list", "List the device groups");
        app.SetAction(command, async invocation =>
        {
            var reply = await invocation.SignedIn().GetAsync<DeviceGroupResponse[]>(Routes.DeviceGroups, invocation.CancellationToken);
            invocation.Output.ShowList(reply, "No device groups.", Columns, group =>
                [group.Id.ToString(), group.Name, EnrollmentCode(group), Format.Time(group.CreatedAt)]);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Get(CliApp app)
    {
        var id = CliSymbols.IdArgument("device group");
        var command = new Command("get", "Show one device group with its enrollment code") { id };
        app.SetAction(command, async invocation =>
        {
            var reply = await invocation.SignedIn().GetAsync<DeviceGroupResponse>(Routes.DeviceGroup(invocation.Value(id)), invocation.CancellationToken);
            invocation.Output.Show(reply, group => Show(invocation.Output, group));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateGroup(CliApp app)
    {
        var name = new Option<string>("--name") { Description = "The group's name", HelpName = "NAME", Required = true };
        var command = new Command("create", "Create a device group") { name };
        app.SetAction(command, async invocation =>
        {
            var reply = await invocation.SignedIn().PostAsync<CreateDeviceGroupRequest, DeviceGroupResponse>(
                Routes.DeviceGroups, new CreateDeviceGroupRequest(invocation.Value(name)), invocation.CancellationToken);
            invocation.Output.Show(reply, group =>
            {
                invocation.Output.Line($"Created device group {group.Id}.");
                Show(invocation.Output, group);
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Rename(CliApp app)
    {
        var id = CliSymbols.IdArgument("device group");
        var name = new Option<string>("--name") { Description = "The new name", HelpName = "NAME", Required = true };
        var command = new Command("rename", "Rename a device group") { id, name };
        app.SetAction(command, async invocation =>
        {
            var reply = await invocation.SignedIn().PatchAsync<UpdateDeviceGroupRequest, DeviceGroupResponse>(
                Routes.DeviceGroup(invocation.Value(id)), new UpdateDeviceGroupRequest(invocation.Value(name)), invocation.CancellationToken);
            invocation.Output.Show(reply, group => Show(invocation.Output, group));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Delete(CliApp app)
    {
        var id = CliSymbols.IdArgument("device group");
        var command = new Command("delete", "Delete a device group") { id };
        app.SetAction(command, async invocation =>
        {
            await invocation.SignedIn().DeleteAsync(Routes.DeviceGroup(invocation.Value(id)), invocation.CancellationToken);
            if (!invocation.Output.Json)
            {
                invocation.Output.Line($"Deleted device group {invocation.Value(id)}.");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command RotateCode(CliApp app)
    {
        var id = CliSymbols.IdArgument("device group");
        var command = new Command("rotate-code", "Issue a new enrollment code; the previous one stops enrolling devices") { id };
        app.SetAction(command, async invocation =>
        {
            var reply = await invocation.SignedIn().PostAsync<EnrollmentCodeResponse>(
                Routes.RotateEnrollmentCode(invocation.Value(id)), invocation.CancellationToken);
            invocation.Output.Show(reply, code => invocation.Output.Fields(("Enrollment code", code.EnrollmentCode)));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command RevokeCode(CliApp app)
    {
        var id = CliSymbols.IdArgument("device group");
        var command = new Command("revoke-code", "Revoke the enrollment code: no new device can join until the next rotate-code") { id };
        app.SetAction(command, async invocation =>
        {
            await invocation.SignedIn().DeleteAsync(Routes.EnrollmentCode(invocation.Value(id)), invocation.CancellationToken);
            if (!invocation.Output.Json)
            {
                invocation.Output.Line($"Revoked the enrollment code of device group {invocation.Value(id)}.");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string EnrollmentCode(DeviceGroupResponse group) => group.EnrollmentCode ?? "(none)";

    private static void Show(Output output, DeviceGroupResponse group) => output.Fields(
        ("Id", group.Id.ToString()),
        ("Name", group.Name),
        ("Enrollment code", EnrollmentCode(group)),
        ("Created", Format.Time(group.CreatedAt)));
}
