namespace Broker.Grains.Sessions;

/// <summary>The customer's computer as its endpoint describes it when joining.</summary>
[GenerateSerializer, Immutable, Alias("Broker.CustomerFacts")]
public sealed record CustomerFacts(
    [property: Id(0)] string ComputerName,
    [property: Id(1)] string Os,
    [property: Id(2)] string? MachineKey);
