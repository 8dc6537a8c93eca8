namespace Broker.Contracts.Devices;

/// <summary>Who consented to unattended access, when, and how (e.g. "allowed in the consent prompt").</summary>
public sealed record ConsentResponse(string GivenBy, DateTimeOffset GivenAt, string How);
