using System.Security.Cryptography;
using Broker.Contracts.Agents;
using Broker.Grains.Agents;
using Broker.Grains.Directory;
using Broker.Grains.UserGroups;
using Broker.Server.Audit;
using Microsoft.Extensions.Options;

namespace Broker.Server.Auth;

/// <summary>
/// On the first start (no account exists yet) creates the "Administrators" user group and the first admin. A password
/// that configuration does not give is generated and printed once on the console: it is never logged or stored in clear.
/// </summary>
public sealed partial class BootstrapAdmin(
    IGrainFactory grains,
    PasswordHasher hasher,
    IOptions<BootstrapOptions> options,
    IAuditLog audit,
    TimeProvider clock,
    ILogger<BootstrapAdmin> logger) : IHostedService
{
    public const string DefaultEmail = "admin@localhost";
    public const string GroupName = "Administrators";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var directory = grains.GetGrain<IAgentDirectoryGrain>(AgentDirectoryGrain.Key);
        if ((await directory.List()).Length > 0)
        {
            return;
        }

        var groupId = await FindOrCreateGroupAsync();
        var email = string.IsNullOrWhiteSpace(options.Value.AdminEmail) ? DefaultEmail : options.Value.AdminEmail.Trim();
        var configured = !string.IsNullOrEmpty(options.Value.AdminPassword);
        var password = configured ? options.Value.AdminPassword! : RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);
        var created = await grains.GetGrain<IAgentGrain>(Guid.NewGuid()).Create(new AgentDraft(
            email, "Administrator", hasher.Hash(password), AgentRole.Admin, groupId, UnattendedSupportOverride.Inherit, []));
        if (!created.IsOk)
        {
            // Hosts of a new cluster start at the same time: the one that lost the race finds the others' admin.
            if ((await directory.List()).Length > 0)
            {
                return;
            }

            throw new InvalidOperationException($"Could not create the first admin: {created.Error}");
        }

        await audit.AppendAsync(new AuditRecord(clock.GetUtcNow(), "system", "agent.bootstrap", email, AuditOutcomes.Success, Address: null), cancellationToken);
        LogBootstrapped(email);
        if (!configured)
        {
            // Deliberately the console and not the log: the password must not reach log files or collectors.
            Console.WriteLine($"""

                ==================================================================
                 First start: created the admin account {email}
                 One-time password: {password}
                 It is shown only this once. Sign in and change it:
                   brokerctl login --server <url> --email {email}
                   brokerctl password
                ==================================================================

                """);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<Guid> FindOrCreateGroupAsync()
    {
        var existing = (await grains.GetGrain<IDirectoryGrain>(Directories.UserGroups).List())
            .FirstOrDefault(e => Directories.Normalize(e.Name) == Directories.Normalize(GroupName));
        if (existing is not null)
        {
            return existing.Id;
        }

        var id = Guid.NewGuid();
        var created = await grains.GetGrain<IUserGroupGrain>(id).Create(GroupName, unattendedSupport: true, attendedSupport: true);
        if (created.IsOk)
        {
            return id;
        }

        // Another host of a new cluster made it a moment ago.
        return (await grains.GetGrain<IDirectoryGrain>(Directories.UserGroups).List())
            .FirstOrDefault(e => Directories.Normalize(e.Name) == Directories.Normalize(GroupName))?.Id
            ?? throw new InvalidOperationException($"Could not create the {GroupName} user group: {created.Error}");
    }

    [LoggerMessage(EventId = 1, EventName = "AdminBootstrapped", Level = LogLevel.Warning, Message = "First start: created the admin account {Email}")]
    private partial void LogBootstrapped(string email);
}
