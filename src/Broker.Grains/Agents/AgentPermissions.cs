namespace Broker.Grains.Agents;

/// <summary>What an agent may do once its override is applied to its user group's settings.</summary>
[GenerateSerializer, Immutable, Alias("Broker.AgentPermissions")]
public sealed record AgentPermissions([property: Id(0)] bool UnattendedSupport, [property: Id(1)] bool AttendedSupport)
{
    /// <summary>What an agent whose user group is gone may do: nothing.</summary>
    public static AgentPermissions None { get; } = new(false, false);
}
