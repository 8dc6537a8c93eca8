using System.Collections.Immutable;
using Broker.Contracts.Agents;
using Broker.Grains.Common;

namespace Broker.Grains.Agents;

/// <summary>
/// The one place that knows every account: keeps e-mail addresses unique, finds an account by e-mail at login,
/// and refuses to lose the last admin.
/// </summary>
[Alias("Broker.IAgentDirectoryGrain")]
public interface IAgentDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>Registers an account; refused when another account has the address.</summary>
    Task<Result<Done>> Register(string email, Guid id, AgentRole role);

    /// <summary>Moves an account to a new address; refused when another account has it.</summary>
    Task<Result<Done>> ChangeEmail(Guid id, string oldEmail, string newEmail);

    /// <summary>Changes an account's role; refused when that would leave no admin.</summary>
    Task<Result<Done>> ChangeRole(Guid id, string email, AgentRole role);

    /// <summary>Removes an account; refused when it is the last admin.</summary>
    Task<Result<Done>> Unregister(Guid id, string email);

    /// <summary>The account with this address, if any.</summary>
    Task<Guid?> Find(string email);

    /// <summary>Every account, ordered by address.</summary>
    Task<ImmutableArray<AgentDirectoryEntry>> List();
}
