using System.Buffers;
using System.Text.Json;
using Broker.Contracts;
using Broker.Contracts.Installers;

namespace Broker.Server.Installers;

/// <summary>
/// The installers of Local mode, in a folder with one subfolder per platform:
/// <code>
/// {root}/linux-x64/installer.json      the metadata: file name, size, SHA-256, upload time
/// {root}/linux-x64/{sha256}.pkg        the bytes it describes, named by their hash
/// {root}/linux-x64/.upload-{id}.tmp    an upload in flight
/// </code>
/// An upload goes to a temporary file first and becomes <c>{sha256}.pkg</c> by a rename; only then does a rename of
/// <c>installer.json</c> switch readers to it, and the previous package is deleted last. A crash at any point leaves
/// metadata that describes bytes on disk. Give each folder one store per process: saves are serialised per store.
/// </summary>
public sealed class FolderInstallerStore : IInstallerStore
{
    private const string MetadataFile = "installer.json";
    private const string PackageExtension = ".pkg";
    private const string TempExtension = ".tmp";
    private const int ChunkSize = 128 * 1024;

    // Uploads in flight are never this old; older temporary files were left by a crash.
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromDays(1);

    private readonly long _maxSize;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _commit = new(1, 1);

    public FolderInstallerStore(string root, InstallerStoreOptions? options = null, TimeProvider? timeProvider = null)
    {
        Root = Path.GetFullPath(root);
        _maxSize = (options ?? new InstallerStoreOptions()).MaxPackageSize;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_maxSize, nameof(InstallerStoreOptions.MaxPackageSize));
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The folder that holds the installers.</summary>
    public string Root { get; }

    public async Task<StoredInstaller> SaveAsync(InstallerPlatform platform, string fileName, Stream content, CancellationToken ct)
    {
        var name = InstallerFileNames.Sanitize(fileName, platform);
        using var upload = new InstallerUpload(content, _maxSize);
        upload.RefuseKnownOversize();

        var folder = Directory.CreateDirectory(PlatformFolder(platform)).FullName;
        var packageTemp = TempPath(folder, "upload");
        var metadataTemp = TempPath(folder, "metadata");
        try
        {
            await WritePackageAsync(packageTemp, upload, ct);
            var installer = new StoredInstaller(platform, name, upload.Size, upload.Sha256(), _time.GetUtcNow());
            await WriteDurablyAsync(metadataTemp, file => JsonSerializer.SerializeAsync(file, installer, BrokerJson.Options, ct));
            await CommitAsync(folder, packageTemp, metadataTemp, installer.Sha256, ct);
            return installer;
        }
        finally
        {
            // Both are gone after a commit; after a failure they are all that the upload left.
            File.Delete(packageTemp);
            File.Delete(metadataTemp);
        }
    }

    public async Task<StoredInstaller?> GetAsync(InstallerPlatform platform, CancellationToken ct)
    {
        try
        {
            await using var file = OpenShared(Path.Combine(PlatformFolder(platform), MetadataFile));
            var installer = await JsonSerializer.DeserializeAsync<StoredInstaller>(file, BrokerJson.Options, ct);
            if (installer is null || installer.Platform != platform || !IsSha256(installer.Sha256))
            {
                throw new InvalidDataException($"{file.Name} does not describe a {platform.Name()} installer.");
            }

            return installer;
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<StoredInstaller>> ListAsync(CancellationToken ct)
    {
        var installers = new List<StoredInstaller>();
        foreach (var platform in Enum.GetValues<InstallerPlatform>())
        {
            if (await GetAsync(platform, ct) is { } installer)
            {
                installers.Add(installer);
            }
        }

        return installers;
    }

    public async Task<Stream?> OpenReadAsync(InstallerPlatform platform, CancellationToken ct)
    {
        // A save may delete the package between our reading the metadata and opening it; the metadata then names its successor.
        for (var attempt = 1; ; attempt++)
        {
            if (await GetAsync(platform, ct) is not { } installer)
            {
                return null;
            }

            try
            {
                return OpenShared(PackagePath(PlatformFolder(platform), installer.Sha256));
            }
            catch (FileNotFoundException) when (attempt < 3)
            {
            }
        }
    }

    public Task<bool> IsAvailableAsync(CancellationToken ct)
    {
        try
        {
            Directory.CreateDirectory(Root);
            using (new FileStream(TempPath(Root, "probe"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }

            return Task.FromResult(true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return Task.FromResult(false);
        }
    }

    private static async Task WritePackageAsync(string path, InstallerUpload upload, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            await WriteDurablyAsync(path, async file =>
            {
                int read;
                while ((read = await upload.ReadAsync(buffer.AsMemory(0, ChunkSize), ct)) > 0)
                {
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
            });
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task CommitAsync(string folder, string packageTemp, string metadataTemp, string sha256, CancellationToken ct)
    {
        await _commit.WaitAsync(ct);
        try
        {
            // Content-addressed: an existing file of that name already holds exactly these bytes.
            var package = PackagePath(folder, sha256);
            if (!File.Exists(package))
            {
                File.Move(packageTemp, package);
            }

            // The switch: from here on readers get the new metadata, and it names a complete package.
            File.Move(metadataTemp, Path.Combine(folder, MetadataFile), overwrite: true);
            RemoveLeftovers(folder, keep: package);
        }
        finally
        {
            _commit.Release();
        }
    }

    private void RemoveLeftovers(string folder, string keep)
    {
        var abandoned = _time.GetUtcNow().UtcDateTime - AbandonedAfter;
        foreach (var file in new DirectoryInfo(folder).EnumerateFiles())
        {
            var leftover = file.Extension switch
            {
                PackageExtension => file.FullName != keep,
                TempExtension => file.LastWriteTimeUtc < abandoned,
                _ => false,
            };
            if (leftover)
            {
                try
                {
                    file.Delete();
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    // Still open for reading on Windows: the next save removes it.
                }
            }
        }
    }

    private static async Task WriteDurablyAsync(string path, Func<FileStream, Task> write)
    {
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, FileOptions.Asynchronous);
        await write(file);
        file.Flush(flushToDisk: true);
    }

    private static FileStream OpenShared(string path) => new(
        path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, bufferSize: 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);

    private string PlatformFolder(InstallerPlatform platform) => Path.Combine(Root, platform.Name());

    private static string PackagePath(string folder, string sha256) => Path.Combine(folder, sha256 + PackageExtension);

    private static string TempPath(string folder, string purpose) => Path.Combine(folder, $".{purpose}-{Guid.NewGuid():N}{TempExtension}");

    private static bool IsSha256(string value) => value.Length == 64 && value.All(char.IsAsciiHexDigitLower);
}
