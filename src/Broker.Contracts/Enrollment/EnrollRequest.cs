namespace Broker.Contracts.Enrollment;

/// <summary>
/// <c>POST /api/enroll</c>. <c>method: installer</c> takes the group's enrollment code; <c>method: portal</c> takes an
/// agent's e-mail address and password, a nickname and a device group. The same <see cref="MachineKey"/> enrols the same
/// device again (reinstalls, re-imaging, retries) instead of adding a duplicate.
/// </summary>
public sealed record EnrollRequest(
    string? Method,
    string? MachineKey,
    string? ComputerName,
    string? Os,
    string? EnrollmentCode = null,
    string? Email = null,
    string? Password = null,
    string? Nickname = null,
    Guid? DeviceGroupId = null,
    bool? CredentialStored = null);
