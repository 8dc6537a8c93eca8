using System.Security.Cryptography;
using Broker.Contracts.Hubs;
using Broker.Endpoint.Consent;
using Broker.Endpoint.Sessions;
using Broker.Endpoint.Vault;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Broker.Endpoint.Connection;

/// <summary>What the endpoint does when the broker calls it on <c>/hubs/device</c>.</summary>
internal sealed class DeviceClient(
    IDeviceHub hub,
    ISessionHandler sessions,
    IConsentPrompt consent,
    CredentialVault vault,
    Func<Guid, string, Task> enrolled,
    IConsentReport report,
    TextWriter errors,
    CancellationToken stopping) : IDeviceClient
{
    private CancellationTokenSource connected = new();

    /// <summary>Routes the broker's calls on <paramref name="connection"/> to this client.</summary>
    public void Attach(HubConnection connection)
    {
        connection.On<Guid, string>(nameof(IDeviceClient.StartSession), StartSession);
        connection.On<Guid, string>(nameof(IDeviceClient.EndSession), EndSession);
        connection.On<Guid, string>(nameof(IDeviceClient.RequestConsent), RequestConsent);
        connection.On<Guid, InputEvent>(nameof(IDeviceClient.Input), Input);
        connection.On<Guid, string>(nameof(IDeviceClient.Enrolled), Enrolled);
        connection.Reconnecting += _ => ConnectionLost();
        connection.Closed += _ => ConnectionLost();
        stopping.Register(() => ConnectionLost());
    }

    public Task StartSession(Guid sessionId, string mode) =>
        GuardedAsync("start the session", () => sessions.StartAsync(sessionId, mode, hub, Volatile.Read(ref connected).Token));

    public Task EndSession(Guid sessionId, string reason) => GuardedAsync("end the session", () => sessions.EndAsync(sessionId, reason, stopping));

    public Task Input(Guid sessionId, InputEvent input) => GuardedAsync("apply input", () => sessions.InputAsync(sessionId, input, stopping));

    public Task RequestConsent(Guid setupId, string agentName)
    {
        // SignalR runs the handlers of one connection one after the other: waiting here for a person to answer would
        // hold up every other message, and heartbeat replies with them, until the connection timed out.
        _ = Task.Run(() => AnswerConsentAsync(setupId, agentName), CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task Enrolled(Guid deviceId, string deviceToken) => GuardedAsync("save the new identity", () => enrolled(deviceId, deviceToken));

    private async Task AnswerConsentAsync(Guid setupId, string agentName)
    {
        var agent = Terminal.Printable(agentName);
        var storedNow = false;
        try
        {
            await report.AskedAsync(agent);
            var answer = await consent.AskAsync(agentName, stopping);
            if (answer.Allow)
            {
                storedNow = report.StoreCredential(() => StoreCredential(answer.Credential));
            }

            await hub.AnswerConsent(setupId, answer.Allow, storedNow);
            await report.AnsweredAsync(agent, answer.Allow, storedNow);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // The broker did not record the answer, so it must not believe a login is stored, nor may one stay here unannounced.
            if (storedNow)
            {
                ForgetCredential();
            }

            await errors.WriteLineAsync(e is HubException refusal
                ? $"error: the broker did not take the consent answer: {HubErrors.Words(refusal)}"
                : $"error: cannot answer the consent request: {e.Message}");
        }
    }

    /// <summary>Stores the login the person gave, or forgets an older one when they chose not to store it now.</summary>
    private bool StoreCredential(OsCredential? credential)
    {
        try
        {
            if (credential is null)
            {
                vault.Delete();
                return false;
            }

            vault.Save(credential);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or VaultException)
        {
            errors.WriteLine($"warning: cannot store the OS login: {e.Message}; someone will have to sign in when the agent connects");
            return false;
        }
    }

    private void ForgetCredential()
    {
        try
        {
            vault.Delete();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.WriteLine($"warning: cannot remove the OS login the broker was not told of: {e.Message} (delete {vault.VaultPath})");
        }
    }

    /// <summary>
    /// Ends what runs on the connection that was lost. A new token is in place at once, before SignalR reconnects and
    /// delivers the next StartSession, so that session does not begin already cancelled.
    /// </summary>
    private Task ConnectionLost()
    {
        Interlocked.Exchange(ref connected, new CancellationTokenSource()).Cancel();
        return Task.CompletedTask;
    }

    private async Task GuardedAsync(string what, Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            await errors.WriteLineAsync($"error: cannot {what}: {e.Message}");
        }
    }
}
