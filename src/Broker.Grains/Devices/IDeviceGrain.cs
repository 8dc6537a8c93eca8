using Broker.Grains.Common;
using Broker.Grains.Connections;

namespace Broker.Grains.Devices;

/// <summary>A device with unattended access: who it is, where it belongs, how it was enrolled and with whose consent.</summary>
[Alias("Broker.IDeviceGrain")]
public interface IDeviceGrain : IGrainWithGuidKey
{
    /// <summary>Enrols (or re-enrols) the device and issues a new token; refused when the device group is gone.</summary>
    Task<Result<EnrolledDevice>> Enroll(DeviceEnrollment enrollment, string machineKey);

    /// <summary>The device, for callers that have already checked the agent may see its group; null when removed.</summary>
    Task<DeviceInfo?> Describe();

    /// <summary>The device, if the agent reaches its group (not found otherwise, so nobody learns it exists).</summary>
    Task<Result<DeviceInfo>> Get(Guid agentId);

    /// <summary>Gives the device a new nickname.</summary>
    Task<Result<DeviceInfo>> Rename(Guid agentId, string nickname);

    /// <summary>Moves the device to another device group the agent reaches.</summary>
    Task<Result<DeviceInfo>> Move(Guid agentId, Guid deviceGroupId);

    /// <summary>Removes unattended access: the device leaves its group and its token stops working at once.</summary>
    Task<Result<DeviceInfo>> Remove(Guid agentId);

    /// <summary>Whether <paramref name="token"/> is this device's current token (constant-time).</summary>
    Task<bool> VerifyToken(string token);

    /// <summary>The endpoint connected (through the host of <paramref name="connection"/>); false when the device no longer exists.</summary>
    Task<bool> Connect(Connection connection);

    /// <summary>
    /// The endpoint is still there; false when the device no longer exists and the connection must close. Also refreshes
    /// which host holds the connection, for a grain that was reactivated elsewhere.
    /// </summary>
    Task<bool> Heartbeat(Connection connection);

    /// <summary>The endpoint's connection closed.</summary>
    Task Disconnect(string connectionId);

    /// <summary>
    /// Tells the endpoint to start session <paramref name="sessionId"/> over its freshest connection; refused when the
    /// device is offline. The session's grain has checked the agent; the device ends the session when it goes offline.
    /// </summary>
    Task<Result<DeviceSessionStart>> OpenSession(Guid sessionId, string mode);

    /// <summary>The session ended elsewhere: the device forgets it.</summary>
    /// <remarks>One-way, so a session ending while the device ends its sessions (going offline) cannot deadlock the two grains.</remarks>
    [OneWay]
    Task CloseSession(Guid sessionId);

    /// <summary>The endpoint stored or forgot an OS login (the login itself never leaves the endpoint).</summary>
    Task<bool> SetCredentialStored(bool credentialStored);
}
