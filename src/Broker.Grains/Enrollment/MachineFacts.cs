namespace Broker.Grains.Enrollment;

/// <summary>What an endpoint says about its machine when it enrols.</summary>
[GenerateSerializer, Immutable, Alias("Broker.MachineFacts")]
public sealed record MachineFacts(
    [property: Id(0)] string MachineKey,
    [property: Id(1)] string ComputerName,
    [property: Id(2)] string Os);
