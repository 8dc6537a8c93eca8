using Broker.Grains.Agents;
using Broker.Grains.Common;
using Broker.Grains.Connections;
using Broker.Grains.Enrollment;
using Microsoft.Extensions.Logging;
using static Broker.Grains.Sessions.SessionStates;

namespace Broker.Grains.Sessions;

/// <inheritdoc cref="ISessionGrain"/>
public sealed class SessionGrain(
    [PersistentState("session", BrokerStorage.Name)] IPersistentState<SessionState> state,
    TimeProvider clock,
    ILogger<SessionGrain> logger) : Grain, ISessionGrain
{
    public const string Attended = "attended";
    public const string RequestingMessage = "Requesting unattended support access…";

    private readonly ConnectionSet _customer = new(logger);

    private SessionState Session => state.State;

    private Guid Id => this.GetPrimaryKey();

    private IAgentGrain Agent => GrainFactory.GetGrain<IAgentGrain>(Session.AgentId);

    public async Task<Result<AttendedSession>> StartAttended(Guid agentId)
    {
        if (Session.Exists)
        {
            return Refusal.Conflict("The session exists already.");
        }

        var agent = GrainFactory.GetGrain<IAgentGrain>(agentId);
        var permissions = await agent.GetPermissions();
        if (!permissions.IsOk || !permissions.Value!.AttendedSupport)
        {
            return Refusal.Forbidden("Your permissions do not allow attended support sessions.");
        }

        var expiresAt = clock.GetUtcNow() + SupportKeys.Lifetime;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var key = SupportKeys.New();
            if (!await GrainFactory.GetGrain<ISupportKeyGrain>(SupportKeys.GrainKey(key)).Claim(Id, expiresAt))
            {
                continue;
            }

            state.State = new SessionState
            {
                Exists = true,
                Kind = Attended,
                AgentId = agentId,
                AgentName = (await agent.GetCredential())?.DisplayName ?? "your support agent",
                CreatedAt = clock.GetUtcNow(),
            };
            await state.WriteStateAsync();
            return new AttendedSession(Id, key, expiresAt);
        }

        throw new InvalidOperationException("Could not find a free support key.");
    }

    public async Task<Result<string>> Join(CustomerFacts customer)
    {
        if (!Session.Exists || Session.State != Waiting)
        {
            return Refusal.Conflict("The session cannot be joined any more.");
        }

        var token = SecretTokens.Session.Issue(Id);
        Session.Customer = customer;
        Session.CustomerTokenHash = SecretTokens.Hash(token);
        Session.State = Active;
        await state.WriteStateAsync();
        return token;
    }

    public async Task<Result<SessionView>> Get(Guid agentId) =>
        IsAgent(agentId) ? await View(agentId) : NotFound();

    public async Task<Result<SessionView>> End(Guid agentId)
    {
        if (!IsAgent(agentId))
        {
            return NotFound();
        }

        if (Session.State != Ended)
        {
            await EndAsync("The agent ended the session.");
        }

        return await View(agentId);
    }

    public Task<bool> VerifyCustomerToken(string token) =>
        Task.FromResult(Session.Exists && Session.State != Ended && SecretTokens.Matches(token, Session.CustomerTokenHash));

    public Task<bool> CustomerConnected(Connection connection)
    {
        if (!Session.Exists || Session.State == Ended)
        {
            return Task.FromResult(false);
        }

        _customer.Add(connection);
        return Task.FromResult(true);
    }

    public Task CustomerDisconnected(string connectionId)
    {
        _customer.Remove(connectionId);
        return Task.CompletedTask;
    }

    public async Task<Result<SessionView>> StartSetup(Guid agentId)
    {
        if (!IsAgent(agentId))
        {
            return NotFound();
        }

        if (await UnavailableReason(agentId) is { } reason)
        {
            return Refusal.Conflict(reason);
        }

        if (_customer.Count == 0)
        {
            return Refusal.Conflict("The customer's computer is not connected to the session.");
        }

        Session.SetupId = Guid.NewGuid();
        Session.SetupState = SetupRequestingConsent;
        Session.CredentialStored = null;
        await state.WriteStateAsync();
        var setupId = Session.SetupId.Value;
        await _customer.PushAsync(c => c.Relay.RequestConsent(c.ConnectionId, setupId, Session.AgentName));
        await Progress(SetupRequestingConsent, RequestingMessage);
        return await View(agentId);
    }

    public async Task<Result<SessionView>> CancelSetup(Guid agentId)
    {
        if (!IsAgent(agentId))
        {
            return NotFound();
        }

        if (Session.SetupState is not (SetupRequestingConsent or SetupAllowed))
        {
            return Refusal.Conflict("No unattended-access setup is under way.");
        }

        Session.SetupState = SetupCancelled;
        await state.WriteStateAsync();
        await Progress(SetupCancelled, "Unattended support setup was cancelled.");
        return await View(agentId);
    }

    public async Task<Result<Done>> AnswerConsent(Guid setupId, bool allow, bool credentialStored)
    {
        if (Session.SetupId != setupId || Session.SetupState != SetupRequestingConsent)
        {
            return Refusal.Conflict("This consent request is no longer open (it was cancelled or answered).");
        }

        Session.SetupState = allow ? SetupAllowed : SetupDeclined;
        Session.CredentialStored = allow && credentialStored;
        await state.WriteStateAsync();
        await Progress(Session.SetupState, allow
            ? "The customer allowed unattended access. Give the computer a nickname and choose its device group."
            : "Unattended support setup could not be completed: the customer declined.");
        return Done.Value;
    }

    public async Task<Result<SetupResult>> CompleteSetup(Guid agentId, string nickname, Guid deviceGroupId)
    {
        if (!IsAgent(agentId))
        {
            return NotFound();
        }

        if (Session.SetupState != SetupAllowed)
        {
            return Refusal.Conflict("The customer has not allowed unattended access in this session.");
        }

        var customer = Session.Customer!;
        var machine = new MachineFacts(customer.MachineKey ?? $"session:{Id:N}", customer.ComputerName, customer.Os);
        var credentialStored = Session.CredentialStored ?? false;
        var enrolled = await GrainFactory.GetGrain<IEnrollmentGrain>(0)
            .EnrollFromSession(agentId, machine, nickname, deviceGroupId, credentialStored, Id);
        if (!enrolled.IsOk)
        {
            return enrolled.AsRefusal();
        }

        Session.SetupState = SetupCompleted;
        Session.DeviceId = enrolled.Value!.DeviceId;
        await state.WriteStateAsync();
        await _customer.PushAsync(c => c.Relay.Enrolled(c.ConnectionId, enrolled.Value.DeviceId, enrolled.Value.DeviceToken));
        var message = credentialStored
            ? "Unattended support set up successfully."
            : "Unattended support set up. No login was stored: the customer will have to log in when you connect.";
        await Progress(SetupCompleted, message);
        return new SetupResult(enrolled.Value.DeviceId, credentialStored, message);
    }

    private bool IsAgent(Guid agentId) => Session.Exists && Session.AgentId == agentId;

    /// <summary>Why "set up unattended support" is greyed out, or null when it is available.</summary>
    private async Task<string?> UnavailableReason(Guid agentId)
    {
        if (Session.Kind != Attended)
        {
            return "Unattended access is set up from attended sessions only.";
        }

        if (Session.State != Active)
        {
            return Session.State == Waiting ? "The customer has not joined the session yet." : "The session has ended.";
        }

        if (Session.SetupState == SetupCompleted)
        {
            return "Unattended access was set up in this session.";
        }

        if (Session.SetupState is SetupRequestingConsent or SetupAllowed)
        {
            return "An unattended-access setup is under way.";
        }

        var permissions = await GrainFactory.GetGrain<IAgentGrain>(agentId).GetPermissions();
        if (!permissions.IsOk || !permissions.Value!.UnattendedSupport)
        {
            return "Your permissions do not allow unattended support.";
        }

        if (Session.Customer?.MachineKey is { } machineKey
            && await GrainFactory.GetGrain<IMachineGrain>(MachineKeys.Of(machineKey)).GetDevice() is not null)
        {
            return "This computer already has unattended access.";
        }

        return null;
    }

    private async Task<SessionView> View(Guid agentId) => new(
        Id, Session.Kind, Session.State, Session.AgentId, Session.CreatedAt, Session.Customer, _customer.Count > 0,
        await UnavailableReason(agentId), Session.SetupState, Session.SetupId, Session.CredentialStored, Session.DeviceId, Session.EndedReason);

    private Task Progress(string setupState, string message) => Agent.NotifySetupProgress(Id, setupState, message);

    private async Task EndAsync(string reason)
    {
        Session.State = Ended;
        Session.EndedReason = reason;
        if (Session.SetupState is SetupRequestingConsent or SetupAllowed)
        {
            Session.SetupState = SetupCancelled;
        }

        await state.WriteStateAsync();
        await _customer.PushAsync(c => c.Relay.EndSession(c.ConnectionId, Id, reason));
        await Agent.NotifySessionEnded(Id, reason);
    }

    private static Refusal NotFound() => Refusal.NotFound("The session does not exist or is not yours.");
}
