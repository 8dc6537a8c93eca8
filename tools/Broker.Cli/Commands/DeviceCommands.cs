using System.CommandLine;
using System.Globalization;
using Broker.Contracts;
using Broker.Contracts.Devices;

namespace Broker.Cli.Commands;

/// <summary><c>brokerctl devices</c> and <c>brokerctl dashboard</c>: computers with unattended access in your device groups.</summary>
internal static class DeviceCommands
{
    private static readonly string[] Columns = ["ID", "NICKNAME", "COMPUTER", "OS", "GROUP", "METHOD", "CREDENTIAL", "ONLINE", "SESSIONS", "LAST SEEN"];

    public static Command Create(CliApp app) => new("devices", "List, rename, move and remove devices with unattended access")
    {
        List(app), Get(app), Rename(app), Move(app), Remove(app),
    };

    public static Command Dashboard(CliApp app)
    {
        var command = new Command("dashboard", "Per device group you reach: how many devices, how many online");
        app.SetAction(command, async invocation =>
        {
            var reply = await invocation.SignedIn().GetAsync<DashboardGroupResponse[]>(Routes.Dashboard, invocation.CancellationToken);
            invocation.Output.ShowList(reply, "You reach no device groups.", ["GROUP", "ID", "DEVICES", "ONLINE"], group =>
                [group.DeviceGroup.Name, group.DeviceGroup.Id.ToString(), Count(group.DeviceCount), Count(group.OnlineCount)]);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List(CliApp app)
    {
        var group = new Option<Guid?>("--group") { Description = "Only this device group", HelpName = "ID" };
        var online = new Option<bool?>("--online") { Description = "Only online (true) or offline (false) devices", HelpName = "true|false" };
        var text = new Option<string?>("--search", "-q") { Description = "Text in the nickname, computer name or OS", HelpName = "TEXT" };
        var command = new Command("list", "List the devices in your device groups") { group, online, text };
        app.SetAction(command, async invocation =>
        {
            var query = new List<string>();
            if (invocation.Value(group) is { } groupId)
            {
                query.Add($"groupId={groupId}");
            }

            if (invocation.Value(online) is { } isOnline)
            {
                query.Add($"online={(isOnline ? "true" : "false")}");
            }

            if (invocation.Value(text) is { Length: > 0 } search)
            {
                query.Add($"q={Uri.EscapeDataString(search)}");
            }

            var route = query.Count == 0 ? Routes.Devices : $"{Routes.Devices}?{string.Join('&', query)}";
            var reply = await invocation.SignedIn().GetAsync<DeviceResponse[]>(route, invocation.CancellationToken);
            invocation.Output.ShowList(reply, "No devices.", Columns, device =>
                [device.Id.ToString(), device.Nickname, device.ComputerName, device.Os, device.DeviceGroupId.ToString(), Format.Enum(device.EnrollmentMethod),
                 Format.YesNo(device.CredentialStored), Format.YesNo(device.Online), Count(device.OpenSessions),
                 device.LastSeenAt is { } seen ? Format.Time(seen) : "-"]);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Get(CliApp app)
    {
        var id = CliSymbols.IdArgument("device");
        var command = new Command("get", "Show one device, with how and by whom it was enrolled") { id };
        app.SetAction(command, async invocation =>
        {
            var reply = await invocation.SignedIn().GetAsync<DeviceResponse>(Routes.Device(invocation.Value(id)), invocation.CancellationToken);
            invocation.Output.Show(reply, device => Show(invocation.Output, device));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Rename(CliApp app)
    {
        var id = CliSymbols.IdArgument("device");
        var nickname = new Option<string>("--nickname") { Description = "The new nickname", HelpName = "NAME", Required = true };
        var command = new Command("rename", "Give a device a new nickname") { id, nickname };
        app.SetAction(command, invocation => Update(invocation, invocation.Value(id), new UpdateDeviceRequest(invocation.Value(nickname), null)));
        return command;
    }

    private static Command Move(CliApp app)
    {
        var id = CliSymbols.IdArgument("device");
        var group = new Option<Guid>("--group") { Description = "The device group to move it to", HelpName = "ID", Required = true };
        var command = new Command("move", "Move a device to another of your device groups") { id, group };
        app.SetAction(command, invocation => Update(invocation, invocation.Value(id), new UpdateDeviceRequest(null, invocation.Value(group))));
        return command;
    }

    private static Command Remove(CliApp app)
    {
        var id = CliSymbols.IdArgument("device");
        var command = new Command("remove", "Remove unattended access: the device leaves its group and its token stops working") { id };
        app.SetAction(command, async invocation =>
        {
            await invocation.SignedIn().DeleteAsync(Routes.Device(invocation.Value(id)), invocation.CancellationToken);
            if (!invocation.Output.Json)
            {
                invocation.Output.Line($"Removed device {invocation.Value(id)}.");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<int> Update(Invocation invocation, Guid id, UpdateDeviceRequest request)
    {
        var reply = await invocation.SignedIn().PatchAsync<UpdateDeviceRequest, DeviceResponse>(Routes.Device(id), request, invocation.CancellationToken);
        invocation.Output.Show(reply, device => Show(invocation.Output, device));
        return ExitCodes.Success;
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Show(Output output, DeviceResponse device) => output.Fields(
        ("Id", device.Id.ToString()),
        ("Nickname", device.Nickname),
        ("Computer name", device.ComputerName),
        ("OS", device.Os),
        ("Device group", device.DeviceGroupId.ToString()),
        ("Enrolled", $"{Format.Time(device.EnrolledAt)} by {device.EnrolledBy} ({Format.Enum(device.EnrollmentMethod)})"),
        ("Consent", $"{device.Consent.GivenBy}, {Format.Time(device.Consent.GivenAt)}: {device.Consent.How}"),
        ("OS login stored", Format.YesNo(device.CredentialStored)),
        ("Online", Format.YesNo(device.Online)),
        ("Open sessions", Count(device.OpenSessions)),
        ("Last seen", device.LastSeenAt is { } seen ? Format.Time(seen) : "-"));
}
