namespace Broker.Contracts.Sessions;

/// <summary><c>POST /api/sessions/{id}/unattended-setup/complete</c>: the nickname and device group of the computer.</summary>
public sealed record CompleteSetupRequest(string? Nickname, Guid? DeviceGroupId);
