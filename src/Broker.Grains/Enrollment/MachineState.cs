namespace Broker.Grains.Enrollment;

/// <summary>The device a machine is enrolled as, if any.</summary>
[GenerateSerializer, Alias("Broker.MachineState")]
public sealed record class MachineState
{
    [Id(0)] public Guid? DeviceId { get; set; }
}
