using System.CommandLine;
using Broker.Contracts.Agents;

namespace Broker.Cli.Commands;

/// <summary>The options of <c>agents create</c> and <c>agents update</c>: required to create, optional to update.</summary>
internal sealed class AgentOptions
{
    private readonly bool creating;

    public AgentOptions(bool creating)
    {
        this.creating = creating;
        Email = new("--email") { Description = "The e-mail address the account signs in with", HelpName = "EMAIL", Required = creating };
        DisplayName = new("--display-name") { Description = "The name shown to colleagues and to customers", HelpName = "NAME", Required = creating };
        Role = CliSymbols.ChoiceOption<AgentRole>("--role", "admin manages the broker; agent gives support");
        Role.Required = creating;
        UserGroup = CliSymbols.IdOption("--user-group", "The user group whose settings apply");
        UserGroup.Required = creating;
        Unattended = CliSymbols.ChoiceOption<UnattendedSupportOverride>(
            "--unattended", creating ? "Unattended support: as the user group says (default), or allowed or denied for this agent" : "Unattended support override");
        DeviceGroups = CliSymbols.IdListOption(
            creating ? "--device-group" : "--device-groups",
            creating ? "A device group the agent may reach; repeat or separate with commas" : "Replace the device groups the agent may reach",
            creating ? "--device-groups" : "--device-group");
        ClearDeviceGroups = new("--clear-device-groups") { Description = "Take every device group away from the agent" };
    }

    public Option<string?> Email { get; }

    public Option<string?> DisplayName { get; }

    public Option<AgentRole?> Role { get; }

    public Option<Guid?> UserGroup { get; }

    public Option<UnattendedSupportOverride?> Unattended { get; }

    public Option<Guid[]> DeviceGroups { get; }

    public Option<bool> ClearDeviceGroups { get; }

    public void AddTo(Command command)
    {
        command.Options.Add(Email);
        command.Options.Add(DisplayName);
        command.Options.Add(Role);
        command.Options.Add(UserGroup);
        command.Options.Add(Unattended);
        command.Options.Add(DeviceGroups);
        if (!creating)
        {
            command.Options.Add(ClearDeviceGroups);
        }
    }

    /// <summary>The new set of device groups for an update: null to keep them, empty to clear them.</summary>
    public IReadOnlyList<Guid>? DeviceGroupChange(Invocation invocation)
    {
        var replacement = invocation.Has(DeviceGroups) ? invocation.Value(DeviceGroups) : null;
        if (invocation.Value(ClearDeviceGroups))
        {
            return replacement is null ? [] : throw CliException.Usage("give --device-groups or --clear-device-groups, not both");
        }

        return replacement;
    }
}
