using Broker.Grains.Common;
using Broker.Grains.Connections;

namespace Broker.Grains.Agents;

/// <summary>An agent or admin account: profile, password hash, role, user group, override and device groups.</summary>
[Alias("Broker.IAgentGrain")]
public interface IAgentGrain : IGrainWithGuidKey
{
    /// <summary>Creates the account; refused for a taken e-mail address or an unknown group.</summary>
    Task<Result<AgentInfo>> Create(AgentDraft draft);

    /// <summary>The account as admins see it, or not found.</summary>
    Task<Result<AgentInfo>> Get();

    /// <summary>Applies a change; refused for a taken address, an unknown group, or demoting the last admin.</summary>
    Task<Result<AgentInfo>> Update(AgentChanges changes);

    /// <summary>Deletes the account; refused for the last admin.</summary>
    Task<Result<Done>> Delete();

    /// <summary>Password hash, role and security stamp, for login and token checks; null when the account does not exist.</summary>
    Task<AgentCredential?> GetCredential();

    /// <summary>Identity, effective permissions and the device groups the account reaches.</summary>
    Task<Result<AgentProfile>> GetProfile();

    /// <summary>The permissions that hold for this account now.</summary>
    Task<Result<AgentPermissions>> GetPermissions();

    /// <summary>Whether the account reaches the device group: admins reach every group, agents those assigned to them.</summary>
    Task<bool> CanReach(Guid deviceGroupId);

    /// <summary>Registers (or refreshes) one of the account's viewer connections on <c>/hubs/agent</c>.</summary>
    Task ConnectViewer(Connection connection);

    /// <summary>Forgets a viewer connection that closed.</summary>
    Task DisconnectViewer(string connectionId);

    /// <summary>Pushes the progress of an unattended-access setup to every viewer connection of the account.</summary>
    Task NotifySetupProgress(Guid sessionId, string state, string message);

    /// <summary>
    /// Pushes the end of a session to every viewer connection of the account but those the session told itself
    /// (<paramref name="alreadyTold"/>: the ones watching it).
    /// </summary>
    Task NotifySessionEnded(Guid sessionId, string reason, string[] alreadyTold);

    /// <summary>Remembers a session the agent started, for the list of their sessions (the newest are kept).</summary>
    Task RememberSession(Guid sessionId);

    /// <summary>The sessions the agent started, newest first.</summary>
    Task<Guid[]> GetRecentSessions();

    /// <summary>Drops a deleted device group from the account's assignments.</summary>
    Task ForgetDeviceGroup(Guid deviceGroupId);
}
