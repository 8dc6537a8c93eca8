namespace Broker.Contracts.Sessions;

/// <summary>
/// <c>POST /api/join</c>: the customer's endpoint joins an attended session with the support key. The optional
/// <see cref="MachineKey"/> lets the broker tell the agent whether this computer already has unattended access.
/// </summary>
public sealed record JoinRequest(string? SupportKey, string? ComputerName, string? Os, string? MachineKey = null);
