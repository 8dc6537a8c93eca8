namespace Broker.Contracts.Sessions;

/// <summary><c>POST /api/sessions/{id}/unattended-setup</c>: the agent re-enters their password (step-up).</summary>
public sealed record StartSetupRequest(string? Password);
