namespace Broker.Contracts.Hubs;

/// <summary>What the broker calls on an agent's viewer connected to <c>/hubs/agent</c>.</summary>
public interface IAgentClient
{
    /// <summary>How an unattended-access setup goes: <paramref name="state"/> as in the session's setup state, and words to show.</summary>
    Task SetupProgress(Guid sessionId, string state, string message);

    /// <summary>A session ended, with the reason in words.</summary>
    Task SessionEnded(Guid sessionId, string reason);
}
