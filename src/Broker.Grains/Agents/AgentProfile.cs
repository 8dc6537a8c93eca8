using System.Collections.Immutable;
using Broker.Grains.Directory;

namespace Broker.Grains.Agents;

/// <summary>An account with its user group's name, its effective permissions and the device groups it reaches.</summary>
[GenerateSerializer, Immutable, Alias("Broker.AgentProfile")]
public sealed record AgentProfile(
    [property: Id(0)] AgentInfo Agent,
    [property: Id(1)] string UserGroupName,
    [property: Id(2)] AgentPermissions Permissions,
    [property: Id(3)] ImmutableArray<DirectoryEntry> DeviceGroups);
