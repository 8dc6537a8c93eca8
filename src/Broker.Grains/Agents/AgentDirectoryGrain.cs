using System.Collections.Immutable;
using Broker.Contracts.Agents;
using Broker.Grains.Common;

namespace Broker.Grains.Agents;

/// <inheritdoc cref="IAgentDirectoryGrain"/>
public sealed class AgentDirectoryGrain(
    [PersistentState("agent-directory", BrokerStorage.Name)] IPersistentState<AgentDirectoryState> state) : Grain, IAgentDirectoryGrain
{
    /// <summary>The key of the one directory.</summary>
    public const long Key = 0;

    private Dictionary<string, AgentDirectoryEntry> ByEmail => state.State.ByEmail;

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    public async Task<Result<Done>> Register(string email, Guid id, AgentRole role)
    {
        var key = Normalize(email);
        if (ByEmail.TryGetValue(key, out var held))
        {
            return held.Id == id ? Done.Value : EmailTaken(email);
        }

        ByEmail[key] = new AgentDirectoryEntry(email.Trim(), id, role);
        await state.WriteStateAsync();
        return Done.Value;
    }

    public async Task<Result<Done>> ChangeEmail(Guid id, string oldEmail, string newEmail)
    {
        var newKey = Normalize(newEmail);
        if (ByEmail.TryGetValue(newKey, out var holder) && holder.Id != id)
        {
            return EmailTaken(newEmail);
        }

        if (!TryGet(id, oldEmail, out var entry))
        {
            return Refusal.NotFound("The account is not in the directory.");
        }

        ByEmail.Remove(Normalize(oldEmail));
        ByEmail[newKey] = entry with { Email = newEmail.Trim() };
        await state.WriteStateAsync();
        return Done.Value;
    }

    public async Task<Result<Done>> ChangeRole(Guid id, string email, AgentRole role)
    {
        if (!TryGet(id, email, out var entry))
        {
            return Refusal.NotFound("The account is not in the directory.");
        }

        if (entry.Role == role)
        {
            return Done.Value;
        }

        if (entry.Role == AgentRole.Admin && IsLastAdmin(id))
        {
            return Refusal.Conflict("The last admin cannot stop being an admin; make another account an admin first.", "role");
        }

        ByEmail[Normalize(email)] = entry with { Role = role };
        await state.WriteStateAsync();
        return Done.Value;
    }

    public async Task<Result<Done>> Unregister(Guid id, string email)
    {
        if (!TryGet(id, email, out var entry))
        {
            return Done.Value;
        }

        if (entry.Role == AgentRole.Admin && IsLastAdmin(id))
        {
            return Refusal.Conflict("The last admin cannot be deleted; make another account an admin first.");
        }

        ByEmail.Remove(Normalize(email));
        await state.WriteStateAsync();
        return Done.Value;
    }

    public Task<Guid?> Find(string email) =>
        Task.FromResult(ByEmail.TryGetValue(Normalize(email), out var entry) ? entry.Id : (Guid?)null);

    public Task<ImmutableArray<AgentDirectoryEntry>> List() =>
        Task.FromResult(ByEmail.Values.OrderBy(e => e.Email, StringComparer.OrdinalIgnoreCase).ToImmutableArray());

    private bool TryGet(Guid id, string email, out AgentDirectoryEntry entry) =>
        ByEmail.TryGetValue(Normalize(email), out entry!) && entry.Id == id;

    private bool IsLastAdmin(Guid id) => !ByEmail.Values.Any(e => e.Role == AgentRole.Admin && e.Id != id);

    private static Refusal EmailTaken(string email) =>
        Refusal.Conflict($"Another account already uses the e-mail address '{email.Trim()}'.", "email");
}
