using Broker.Contracts.Hubs;
using Broker.Grains.Common;
using Broker.Grains.Connections;

namespace Broker.Grains.Sessions;

/// <summary>
/// A support session: the attended session a customer joins with a support key, and within it the unattended-access
/// setup: step-up (checked by the host), consent asked on the customer's computer, nickname and device group, enrolment;
/// or an unattended session on an enrolled device. Both relay frames (the device or the customer's computer → viewers)
/// and input (controlling viewer → that computer).
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

    /// <summary>
    /// The customer's endpoint connected to <c>/hubs/device</c> (or refreshed); false when the session ended. A connection
    /// new to the grain is told to start the session, which makes it upload its screen.
    /// </summary>
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

    /// <summary>
    /// Starts an unattended session: refused unless the agent reaches the device's group (not found, so nobody learns the
    /// device exists), the agent's effective unattended permission is on, and the device is online.
    /// </summary>
    Task<Result<SessionView>> StartUnattended(Guid agentId, Guid deviceId);

    /// <summary>
    /// A viewer starts watching: the session's agent controls it, another agent who reaches the device's group watches
    /// view-only; refused for anyone else and for an ended session.
    /// </summary>
    Task<Result<WatchGrant>> Watch(Guid agentId, Connection viewer);

    /// <summary>A viewer stopped watching.</summary>
    Task Unwatch(string connectionId);

    /// <summary>
    /// The upload stream begins; refused unless <paramref name="sourceId"/> is the session's device (unattended) or the
    /// session's own id (the customer's computer in a joined attended session), and the session has not ended.
    /// </summary>
    Task<Result<Done>> AttachSource(Guid sourceId, Connection source);

    /// <summary>One frame from the source, fanned out to every host with viewers; false when the session is over.</summary>
    /// <remarks><paramref name="source"/> is the uploading connection, so a reactivated grain learns it again from the next frame.</remarks>
    Task<bool> PushFrame(Guid sourceId, Connection source, Frame frame);

    /// <summary>Input from a viewer to the device or the customer's computer; refused for view-only viewers and ended sessions.</summary>
    Task<Result<Done>> SendInput(Guid agentId, InputEvent input);

    /// <summary>The device's endpoint ended the session.</summary>
    Task<Result<Done>> EndByDevice(Guid deviceId, string reason);

    /// <summary>
    /// The customer's computer left the attended session it joined (the customer stopped <c>join</c>); the agent is told
    /// the reason. Ending an ended session again changes nothing.
    /// </summary>
    Task<Result<Done>> EndByCustomer(string reason);

    /// <summary>The device went offline or was removed; called by the device's grain, which has forgotten the session.</summary>
    Task DeviceGone(Guid deviceId, string reason);
}
