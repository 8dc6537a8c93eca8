namespace Broker.Grains.Directory;

/// <summary>The names in one directory, by normalized name.</summary>
[GenerateSerializer, Alias("Broker.DirectoryState")]
public sealed record class DirectoryState
{
    [Id(0)] public Dictionary<string, DirectoryEntry> Entries { get; init; } = [];
}
