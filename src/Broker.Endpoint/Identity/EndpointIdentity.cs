namespace Broker.Endpoint.Identity;

/// <summary>
/// Who this computer is to its broker: what enrolment returned, plus the machine key that makes enrolling again (a
/// reinstall, a retry) find the same device. Kept in the identity file; the device token is its only secret.
/// </summary>
/// <remarks>
/// <see cref="DeviceGroupId"/> and <see cref="Nickname"/> are null when this computer does not know them: unattended
/// access set up during an attended session (<c>join</c>) hands the endpoint only its device id and token, since the
/// agent chose nickname and group. Connecting needs neither.
/// </remarks>
internal sealed record EndpointIdentity(
    string Server,
    Guid DeviceId,
    string DeviceToken,
    Guid? DeviceGroupId,
    string? Nickname,
    string MachineKey)
{
    // The generated ToString would print the token into any log line that shows the record.
    public override string ToString() =>
        (Nickname is { Length: > 0 } nickname ? $"{Terminal.Printable(nickname)} ({DeviceId})" : $"device {DeviceId}")
        + (DeviceGroupId is { } group && group != Guid.Empty ? $" in device group {group}" : "")
        + $" at {Server}";
}
