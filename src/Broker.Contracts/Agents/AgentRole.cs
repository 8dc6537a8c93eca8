namespace Broker.Contracts.Agents;

/// <summary>What an account may do: admins manage the broker, agents support customers.</summary>
[GenerateSerializer]
public enum AgentRole
{
    Agent = 0,
    Admin = 1,
}
