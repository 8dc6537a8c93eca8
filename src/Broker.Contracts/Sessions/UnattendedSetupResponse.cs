namespace Broker.Contracts.Sessions;

/// <summary>
/// The "Unattended Support → Set up" entry: whether it is available (else <see cref="UnavailableReason"/> says why, as a
/// greyed-out menu would), and the state of a setup under way: <c>none</c>, <c>requesting-consent</c>, <c>allowed</c>,
/// <c>declined</c>, <c>cancelled</c>, <c>completed</c>.
/// </summary>
public sealed record UnattendedSetupResponse(bool Available, string? UnavailableReason, string State, Guid? SetupId, bool? CredentialStored, Guid? DeviceId);
