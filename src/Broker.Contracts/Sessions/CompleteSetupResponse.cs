namespace Broker.Contracts.Sessions;

/// <summary>The enrolled device and the final words for the agent.</summary>
public sealed record CompleteSetupResponse(Guid DeviceId, bool CredentialStored, string Message);
