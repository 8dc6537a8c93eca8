using System.Collections.Immutable;

namespace Broker.Grains.Directory;

/// <summary>Keeps the names of one kind of thing (user groups, device groups) unique and listable.</summary>
[Alias("Broker.IDirectoryGrain")]
public interface IDirectoryGrain : IGrainWithStringKey
{
    /// <summary>Claims <paramref name="name"/> for <paramref name="id"/>; false when another id holds it.</summary>
    Task<bool> Claim(string name, Guid id);

    /// <summary>Gives up <paramref name="name"/> if <paramref name="id"/> holds it.</summary>
    Task Release(string name, Guid id);

    /// <summary>Every entry, ordered by name.</summary>
    Task<ImmutableArray<DirectoryEntry>> List();
}
