using Broker.Grains.Common;
using Broker.Grains.Connections;

namespace Broker.Grains.Sessions;

/// <summary>
/// A support session: the attended session a customer joins with a support key, and within it the unattended-access
/// setup: step-up (checked by the host), consent asked on the customer's computer, nickname and device group, enrolment.
/// </summary>
[Alias("Broker.ISessionGrain")]
public interface ISessionGrain : IGrainWithGuidKey
{
    /// <summary>Opens an attended session with a fresh support key; refused when the agent may not give attended support.</summary>
    Task<Result<AttendedSession>> StartAttended(Guid agentId);

    /// <summary>The customer joined with the support key; returns the customer's session token (once).</summary>
    Task<Result<string>> Join(CustomerFacts customer);

    /// <summary>The session, for its agent (not found for anyone else).</summary>
    Task<Result<SessionView>> Get(Guid agentId);

    /// <summary>The agent ends the session; the customer's endpoint is told.</summary>
    Task<Result<SessionView>> End(Guid agentId);

    /// <summary>Whether <paramref name="token"/> is the customer's session token of this (not ended) session.</summary>
    Task<bool> VerifyCustomerToken(string token);

    /// <summary>The customer's endpoint connected to <c>/hubs/device</c> (or refreshed); false when the session ended.</summary>
    Task<bool> CustomerConnected(Connection connection);

    /// <summary>The customer's endpoint disconnected.</summary>
    Task CustomerDisconnected(string connectionId);

    /// <summary>
    /// Starts unattended setup after the host has checked the agent's password: refused (with the greyed-out reason)
    /// when unavailable, otherwise the customer is asked for consent and the agent's viewer told so.
    /// </summary>
    Task<Result<SessionView>> StartSetup(Guid agentId);

    /// <summary>The agent cancels a setup under way.</summary>
    Task<Result<SessionView>> CancelSetup(Guid agentId);

    /// <summary>The customer's answer to the consent request.</summary>
    Task<Result<Done>> AnswerConsent(Guid setupId, bool allow, bool credentialStored);

    /// <summary>After consent: enrols the computer with a nickname into one of the agent's device groups and hands it its token.</summary>
    Task<Result<SetupResult>> CompleteSetup(Guid agentId, string nickname, Guid deviceGroupId);
}
