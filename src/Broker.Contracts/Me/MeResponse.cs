using Broker.Contracts.Agents;

namespace Broker.Contracts.Me;

/// <summary>Who is signed in, what they may do, and which device groups they reach.</summary>
public sealed record MeResponse(
    Guid Id,
    string Email,
    string DisplayName,
    AgentRole Role,
    NamedRef UserGroup,
    EffectivePermissions Permissions,
    IReadOnlyList<NamedRef> DeviceGroups);
