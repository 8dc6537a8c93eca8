using Broker.Grains.DeviceGroups;
using Broker.Grains.Devices;
using Broker.Grains.Enrollment;

namespace Broker.Grains.Tests;

/// <summary>Builders for computers and the devices they enrol as, each with a fresh machine key.</summary>
public static class Machines
{
    public static MachineFacts NewMachine(string name = "PC-0042") => new(Guid.NewGuid().ToString(), name, "Windows 11 Pro");

    /// <summary>Enrols a machine into the group with the group's installer code.</summary>
    public static async Task<EnrolledDevice> NewDevice(this IGrainFactory grains, Guid deviceGroupId, MachineFacts? machine = null)
    {
        var code = (await grains.GetGrain<IDeviceGroupGrain>(deviceGroupId).Get()).Value!.EnrollmentCode!;
        var enrolled = await grains.GetGrain<IEnrollmentGrain>(0).EnrollWithCode(code, machine ?? NewMachine());
        Assert.True(enrolled.IsOk, enrolled.Error);
        return enrolled.Value!;
    }
}
