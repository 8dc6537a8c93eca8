using Broker.Contracts.Agents;

namespace Broker.Grains.Agents;

/// <summary>An account's durable state; <see cref="Exists"/> is false until created and after deletion.</summary>
[GenerateSerializer, Alias("Broker.AgentState")]
public sealed record class AgentState
{
    [Id(0)] public bool Exists { get; set; }
    [Id(1)] public string Email { get; set; } = "";
    [Id(2)] public string DisplayName { get; set; } = "";
    [Id(3)] public string PasswordHash { get; set; } = "";
    [Id(4)] public AgentRole Role { get; set; }
    [Id(5)] public Guid UserGroupId { get; set; }
    [Id(6)] public UnattendedSupportOverride UnattendedSupport { get; set; }
    [Id(7)] public List<Guid> DeviceGroupIds { get; set; } = [];

    /// <summary>Bumped whenever the password or role changes, so tokens issued before stop working.</summary>
    [Id(8)] public int SecurityStamp { get; set; }

    [Id(9)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The sessions the agent started, newest first, at most <see cref="AgentGrain.RecentSessionLimit"/>.</summary>
    [Id(10)] public List<Guid> RecentSessions { get; set; } = [];
}
