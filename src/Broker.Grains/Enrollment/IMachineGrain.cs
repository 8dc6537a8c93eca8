using Broker.Grains.Common;
using Broker.Grains.Devices;

namespace Broker.Grains.Enrollment;

/// <summary>
/// One machine (keyed by <see cref="MachineKeys.Of"/>): makes sure the same machine enrols as the same device again
/// (reinstalls, re-imaging, retries) and that concurrent enrollments of one machine never make two devices.
/// </summary>
[Alias("Broker.IMachineGrain")]
public interface IMachineGrain : IGrainWithStringKey
{
    /// <summary>Enrols the machine as its device, or as a new device the first time.</summary>
    Task<Result<EnrolledDevice>> Enroll(DeviceEnrollment enrollment);

    /// <summary>The device the machine is enrolled as, if it still exists.</summary>
    Task<Guid?> GetDevice();

    /// <summary>Forgets the device after its removal, so the next enrollment makes a new one.</summary>
    Task Forget(Guid deviceId);
}
