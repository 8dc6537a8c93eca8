namespace Broker.Contracts.DeviceGroups;

/// <summary>The enrollment code that a rotation made current; the previous one enrols nobody.</summary>
public sealed record EnrollmentCodeResponse(string EnrollmentCode);
