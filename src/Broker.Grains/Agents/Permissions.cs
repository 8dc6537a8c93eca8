using Broker.Contracts.Agents;
using Broker.Grains.UserGroups;

namespace Broker.Grains.Agents;

/// <summary>The permission rule: an agent's override wins over its user group's setting.</summary>
public static class Permissions
{
    public static AgentPermissions Resolve(UnattendedSupportOverride unattendedOverride, UserGroupInfo? group) => group is null
        ? AgentPermissions.None
        : new AgentPermissions(
            UnattendedSupport: unattendedOverride switch
            {
                UnattendedSupportOverride.Allow => true,
                UnattendedSupportOverride.Deny => false,
                _ => group.UnattendedSupport,
            },
            AttendedSupport: group.AttendedSupport);
}
