namespace Broker.Contracts.Enrollment;

/// <summary>The enrolled device and its token; the token is shown only here and stored hashed by the broker.</summary>
public sealed record EnrollResponse(Guid DeviceId, string DeviceToken, Guid DeviceGroupId, string Nickname);
