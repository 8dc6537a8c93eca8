using Broker.Grains.Common;
using Broker.Grains.Devices;

namespace Broker.Grains.Enrollment;

/// <inheritdoc cref="IMachineGrain"/>
public sealed class MachineGrain(
    [PersistentState("machine", BrokerStorage.Name)] IPersistentState<MachineState> state) : Grain, IMachineGrain
{
    public async Task<Result<EnrolledDevice>> Enroll(DeviceEnrollment enrollment)
    {
        if (state.State.DeviceId is null)
        {
            // Recorded before the device exists, so a retry after a failure reuses the id instead of making another device.
            state.State.DeviceId = Guid.NewGuid();
            await state.WriteStateAsync();
        }

        return await GrainFactory.GetGrain<IDeviceGrain>(state.State.DeviceId.Value).Enroll(enrollment, this.GetPrimaryKeyString());
    }

    public async Task<Guid?> GetDevice() =>
        state.State.DeviceId is { } id && await GrainFactory.GetGrain<IDeviceGrain>(id).Describe() is not null ? id : null;

    public async Task Forget(Guid deviceId)
    {
        if (state.State.DeviceId == deviceId)
        {
            state.State.DeviceId = null;
            await state.WriteStateAsync();
        }
    }
}
