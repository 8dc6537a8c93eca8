using System.Collections.Immutable;
using Broker.Grains.Common;
using Broker.Grains.Connections;

namespace Broker.Grains.DeviceGroups;

/// <summary>A device group (a "company"): its name, its enrollment code, and the devices in it.</summary>
[Alias("Broker.IDeviceGroupGrain")]
public interface IDeviceGroupGrain : IGrainWithGuidKey
{
    /// <summary>Creates the group with a first enrollment code; refused when the name is taken.</summary>
    Task<Result<DeviceGroupInfo>> Create(string name);

    /// <summary>The group with its current enrollment code (null while revoked), or not found.</summary>
    Task<Result<DeviceGroupInfo>> Get();

    /// <summary>Whether the group exists.</summary>
    Task<bool> Exists();

    /// <summary>Renames the group; refused when the name is taken.</summary>
    Task<Result<DeviceGroupInfo>> Rename(string name);

    /// <summary>Deletes the group and takes it from every agent; refused while devices are in it.</summary>
    Task<Result<Done>> Delete();

    /// <summary>Makes a new enrollment code current; the previous one enrols nobody from now on.</summary>
    Task<Result<string>> RotateEnrollmentCode();

    /// <summary>Revokes the current enrollment code until the next rotation.</summary>
    Task<Result<Done>> RevokeEnrollmentCode();

    /// <summary>Whether <paramref name="code"/> is this group's current, unrevoked enrollment code (constant-time).</summary>
    Task<bool> AcceptsEnrollmentCode(string code);

    /// <summary>Adds a device; false when the group does not exist (any more). Many calls share one write.</summary>
    Task<bool> AddDevice(Guid deviceId);

    /// <summary>Removes a device (no-op when it is not in the group).</summary>
    Task RemoveDevice(Guid deviceId);

    /// <summary>The ids of the devices in the group.</summary>
    Task<ImmutableArray<Guid>> ListDevices();

    /// <summary>Pushes the group's presence changes to a <c>WatchPresence</c> stream (registered again on a timer by its host).</summary>
    Task WatchPresence(Connection watcher);

    /// <summary>The stream ended.</summary>
    Task UnwatchPresence(string connectionId);

    /// <summary>A device of the group came online or went offline: every watcher is told, one call per host.</summary>
    Task PresenceChanged(PresenceUpdate update);
}
