namespace Broker.Contracts.Sessions;

/// <summary><c>POST /api/sessions</c>: <c>kind: attended</c> gives a support key; <c>kind: unattended</c> needs a device.</summary>
public sealed record CreateSessionRequest(string? Kind, Guid? DeviceId = null);
