namespace Broker.Grains.Directory;

/// <summary>A name held by an id.</summary>
[GenerateSerializer, Immutable, Alias("Broker.DirectoryEntry")]
public sealed record DirectoryEntry([property: Id(0)] string Name, [property: Id(1)] Guid Id);
