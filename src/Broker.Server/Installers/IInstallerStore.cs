using Broker.Contracts.Installers;

namespace Broker.Server.Installers;

/// <summary>
/// The base installer packages, one per platform: a folder in Local mode, Azure Blob Storage in Cluster mode.
/// A reader never sees a half-written package, and an upload that fails or is refused leaves the previous one in place.
/// </summary>
public interface IInstallerStore
{
    /// <summary>
    /// Streams <paramref name="content"/> into the store and then replaces the platform's package in one step.
    /// Throws <see cref="InstallerTooLargeException"/> when the content is longer than the store's limit.
    /// </summary>
    Task<StoredInstaller> SaveAsync(InstallerPlatform platform, string fileName, Stream content, CancellationToken ct);

    /// <summary>The platform's package, or null when none was uploaded.</summary>
    Task<StoredInstaller?> GetAsync(InstallerPlatform platform, CancellationToken ct);

    /// <summary>Every uploaded package, one per platform, in the order of <see cref="InstallerPlatform"/>.</summary>
    Task<IReadOnlyList<StoredInstaller>> ListAsync(CancellationToken ct);

    /// <summary>The bytes of the platform's package (seekable, with a length), or null when none was uploaded.</summary>
    Task<Stream?> OpenReadAsync(InstallerPlatform platform, CancellationToken ct);

    /// <summary>Whether the storage answers, for the readiness check.</summary>
    Task<bool> IsAvailableAsync(CancellationToken ct);
}
