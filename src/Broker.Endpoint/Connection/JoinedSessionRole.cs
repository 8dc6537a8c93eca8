using System.Collections.Concurrent;
using Broker.Contracts.Hubs;
using Broker.Contracts.Sessions;
using Broker.Endpoint.Consent;
using Broker.Endpoint.Identity;
using Broker.Endpoint.Sessions;
using Broker.Endpoint.Vault;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Broker.Endpoint.Connection;

/// <summary>
/// <c>join</c>: the customer's computer in an attended session, connected with the session token. It answers the
/// agent's consent request, keeps the identity the broker sends when the agent sets up unattended access, and ends the
/// run when the session ends.
/// </summary>
internal sealed class JoinedSessionRole(
    string server,
    JoinResponse joined,
    string computerName,
    IdentityStore store,
    string machineKey,
    IConsentPrompt consent,
    ISessionHandler sessions,
    TextWriter status,
    TextWriter errors) : IDeviceHubRole, IConsentReport
{
    private readonly CredentialVault vault = new(store.Directory);
    private readonly ConcurrentDictionary<Guid, bool> started = new();
    private int connections;
    private volatile bool identitySaved;
    private readonly Lock vaultGate = new();
    private bool credentialStored;
    private bool finished;

    public string Server => server;

    public string AccessToken => joined.SessionToken;

    /// <summary>None: the broker keeps track of a session's customer by its connection alone.</summary>
    public TimeSpan? Heartbeat => null;

    /// <summary>Whether the agent set up unattended access in this session and its identity file was written.</summary>
    public bool IdentitySaved => identitySaved;

    public void Attach(HubConnection connection, IDeviceHub hub, HubControl control, CancellationToken stopping) =>
        new DeviceClient(hub, new AttendedSession(sessions, started, joined.SessionId, status, control), consent, vault, SaveIdentityAsync, this, errors, stopping).Attach(connection);

    public Task ConnectedAsync() => Interlocked.Increment(ref connections) == 1
        ? status.WriteLineAsync($"Joined session {joined.SessionId} as {Terminal.Printable(computerName)}")
        : status.WriteLineAsync($"Connected to session {joined.SessionId} again");

    public async Task<int> RefusedAsync()
    {
        // The broker accepts a session token only while its session lasts.
        if (identitySaved)
        {
            await status.WriteLineAsync("Session ended: it ended while this computer was disconnected");
            return ExitCodes.Success;
        }

        await errors.WriteLineAsync($"error: {server} no longer accepts this computer in session {joined.SessionId}: the session has ended.");
        await errors.WriteLineAsync($"  if the agent still needs this computer, ask for a new support key and run: broker-endpoint join --server {server} --key KEY");
        return ExitCodes.DeviceRemoved;
    }

    /// <summary>
    /// The customer stopped <c>join</c>: they leave the session, and the agent hears so at once instead of waiting for a
    /// reconnect that will not come. (A session that has ended already stays as it ended.)
    /// </summary>
    public async Task LeavingAsync(HubConnection connection, CancellationToken timeout)
    {
        try
        {
            await connection.InvokeAsync(nameof(IDeviceHub.EndSession), joined.SessionId, "", timeout);
            await status.WriteLineAsync($"Left session {joined.SessionId}");
        }
        catch (Exception e)
        {
            var why = e is HubException refused ? HubErrors.Words(refused) : e is OperationCanceledException ? $"no answer within {DeviceConnection.LeaveTimeout.TotalSeconds:0} s" : e.Message;
            await errors.WriteLineAsync($"warning: could not tell {server} that this computer left session {joined.SessionId}: {why}");
        }
    }

    public Task AskedAsync(string agent) => status.WriteLineAsync($"Consent requested by {agent}");

    public bool StoreCredential(Func<bool> store)
    {
        lock (vaultGate)
        {
            if (finished)
            {
                return false;
            }

            var stored = store();
            credentialStored |= stored;
            return stored;
        }
    }

    public Task AnsweredAsync(string agent, bool allow, bool credentialStored) =>
        status.WriteLineAsync(allow ? "Consent given" : "Consent declined");

    /// <summary>
    /// After the session: an OS login stored for unattended access that the agent did not set up in the end (cancelled,
    /// or the session ended first) must not stay on this computer.
    /// </summary>
    public void ForgetUnusedCredential()
    {
        lock (vaultGate)
        {
            // A consent prompt answered after this keeps nothing.
            finished = true;
            if (!credentialStored || identitySaved)
            {
                return;
            }

            try
            {
                vault.Delete();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.WriteLine($"warning: cannot remove the OS login stored for unattended access that was not set up: {e.Message} (delete {vault.VaultPath})");
            }
        }
    }

    /// <summary>Unattended access was set up: this computer is now an enrolled device, and <c>run</c> connects as it.</summary>
    private async Task SaveIdentityAsync(Guid deviceId, string deviceToken)
    {
        // The broker names no nickname or group here (the agent chose them): unknown to this computer, and not needed to connect.
        store.Save(new EndpointIdentity(server, deviceId, deviceToken, DeviceGroupId: null, Nickname: null, machineKey));
        identitySaved = true;
        var config = store.Path.Any(char.IsWhiteSpace) ? $"\"{store.Path}\"" : store.Path;
        await status.WriteLineAsync(
            $"Unattended access set up: this computer is device {deviceId}. Start the service with: broker-endpoint run --config {config}");
    }

    /// <summary>The session handler, plus the end of the joined session, which ends <c>join</c>.</summary>
    private sealed class AttendedSession(
        ISessionHandler sessions, ConcurrentDictionary<Guid, bool> started, Guid joinedSessionId, TextWriter status, HubControl control) : ISessionHandler
    {
        public Task StartAsync(Guid sessionId, string mode, IDeviceHub hub, CancellationToken connectionLost)
        {
            started[sessionId] = true;
            return sessions.StartAsync(sessionId, mode, hub, connectionLost);
        }

        public Task InputAsync(Guid sessionId, InputEvent input, CancellationToken cancellationToken) =>
            sessions.InputAsync(sessionId, input, cancellationToken);

        public async Task EndAsync(Guid sessionId, string reason, CancellationToken cancellationToken)
        {
            // The handler hears of the end only of what it started; the joined session's end ends join.
            if (started.TryRemove(sessionId, out _))
            {
                await sessions.EndAsync(sessionId, reason, cancellationToken);
            }

            if (sessionId == joinedSessionId)
            {
                await status.WriteLineAsync($"Session ended: {Terminal.Printable(reason)}");
                control.Finish(ExitCodes.Success);
            }
        }
    }
}
