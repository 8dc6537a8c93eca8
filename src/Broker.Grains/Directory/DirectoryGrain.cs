using System.Collections.Immutable;
using Broker.Grains.Common;

namespace Broker.Grains.Directory;

/// <inheritdoc cref="IDirectoryGrain"/>
public sealed class DirectoryGrain(
    [PersistentState("directory", BrokerStorage.Name)] IPersistentState<DirectoryState> state) : Grain, IDirectoryGrain
{
    public async Task<bool> Claim(string name, Guid id)
    {
        var key = Directories.Normalize(name);
        if (state.State.Entries.TryGetValue(key, out var held))
        {
            return held.Id == id;
        }

        state.State.Entries[key] = new DirectoryEntry(name.Trim(), id);
        await state.WriteStateAsync();
        return true;
    }

    public async Task Release(string name, Guid id)
    {
        var key = Directories.Normalize(name);
        if (state.State.Entries.TryGetValue(key, out var held) && held.Id == id)
        {
            state.State.Entries.Remove(key);
            await state.WriteStateAsync();
        }
    }

    public Task<ImmutableArray<DirectoryEntry>> List() =>
        Task.FromResult(state.State.Entries.Values.OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase).ToImmutableArray());
}
