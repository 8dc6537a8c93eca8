using System.CommandLine;
using Broker.Contracts.UserGroups;

namespace Broker.Cli.Commands;

/// <summary>--unattended and --attended, sent only when given so that the broker keeps (or defaults) the others.</summary>
internal sealed class UserGroupSettingOptions
{
    private readonly Option<bool?> unattended = CliSymbols.SwitchOption("--unattended", "Whether the group's agents may connect to unattended devices");
    private readonly Option<bool?> attended = CliSymbols.SwitchOption("--attended", "Whether the group's agents may give attended support (with the user's consent)");

    public void AddTo(Command command)
    {
        command.Options.Add(unattended);
        command.Options.Add(attended);
    }

    public UserGroupSettingsPatch? Patch(Invocation invocation) =>
        invocation.Value(unattended) is null && invocation.Value(attended) is null
            ? null
            : new UserGroupSettingsPatch(invocation.Value(unattended), invocation.Value(attended));
}
