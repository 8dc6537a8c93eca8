namespace Broker.Endpoint.Identity;

/// <summary>
/// Who this computer is to its broker: what enrolment returned, plus the machine key that makes enrolling again (a
/// reinstall, a retry) find the same device. Kept in the identity file; the device token is its only secret.
/// </summary>
internal sealed record EndpointIdentity(
    string Server,
    Guid DeviceId,
    string DeviceToken,
    Guid DeviceGroupId,
    string Nickname,
    string MachineKey)
{
    // The generated ToString would print the token into any log line that shows the record.
    public override string ToString() => $"{Nickname} ({DeviceId}) in device group {DeviceGroupId} at {Server}";
}
