namespace Broker.Contracts.Agents;

/// <summary>A per-agent override of the user group's unattended-support setting.</summary>
[GenerateSerializer]
public enum UnattendedSupportOverride
{
    Inherit = 0,
    Allow = 1,
    Deny = 2,
}
