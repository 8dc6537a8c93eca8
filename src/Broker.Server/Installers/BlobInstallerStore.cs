using System.Buffers;
using System.Globalization;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Broker.Contracts.Installers;

namespace Broker.Server.Installers;

/// <summary>
/// The installers of Cluster mode, in Azure Blob Storage: container <c>installers</c>, one block blob per platform
/// named by its wire name (<c>linux-x64</c>), with the file name, SHA-256 and upload time in the blob's metadata.
/// An upload stages its blocks one chunk at a time; committing the block list, metadata included, is the one step that
/// replaces the previous package, so a refused or broken upload leaves only uncommitted blocks, which nobody sees and
/// the service discards. Of two uploads to one platform at the same time, the first to commit wins and the other
/// fails, since a commit discards every block it does not list.
/// </summary>
public sealed class BlobInstallerStore : IInstallerStore
{
    public const string ContainerName = "installers";

    // 4 MiB blocks: one block in memory per upload, and 50,000 blocks (the service's limit) reach far beyond any package.
    private const int BlockSize = 4 * 1024 * 1024;

    // Metadata values travel as HTTP headers and must be ASCII, so the file name is percent-encoded.
    private const string FileNameKey = "filename";
    private const string Sha256Key = "sha256";
    private const string UploadedAtKey = "uploadedat";

    private readonly BlobContainerClient _container;
    private readonly long _maxSize;
    private readonly TimeProvider _time;
    private volatile bool _containerExists;

    public BlobInstallerStore(BlobServiceClient service, InstallerStoreOptions? options = null, TimeProvider? timeProvider = null)
        : this(service.GetBlobContainerClient(ContainerName), options, timeProvider)
    {
    }

    /// <summary>A store in another container than <see cref="ContainerName"/>, so that tests can share one account.</summary>
    public BlobInstallerStore(BlobContainerClient container, InstallerStoreOptions? options = null, TimeProvider? timeProvider = null)
    {
        _container = container;
        _maxSize = (options ?? new InstallerStoreOptions()).MaxPackageSize;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_maxSize, nameof(InstallerStoreOptions.MaxPackageSize));
        _time = timeProvider ?? TimeProvider.System;
    }

    public async Task<StoredInstaller> SaveAsync(InstallerPlatform platform, string fileName, Stream content, CancellationToken ct)
    {
        var name = InstallerFileNames.Sanitize(fileName, platform);
        using var upload = new InstallerUpload(content, _maxSize);
        upload.RefuseKnownOversize();
        await EnsureContainerAsync(ct);

        var blob = Blob(platform);
        var blockIds = new List<string>();

        // Block ids of one blob must all have the same length; the upload's own prefix keeps concurrent uploads apart.
        var uploadId = Guid.NewGuid().ToString("N");
        var buffer = ArrayPool<byte>.Shared.Rent(BlockSize);
        try
        {
            int read;
            while ((read = await upload.ReadAsync(buffer.AsMemory(0, BlockSize), ct)) > 0)
            {
                var blockId = Convert.ToBase64String(Encoding.ASCII.GetBytes($"{uploadId}-{blockIds.Count:D6}"));
                using var block = new MemoryStream(buffer, 0, read, writable: false);
                await blob.StageBlockAsync(blockId, block, cancellationToken: ct);
                blockIds.Add(blockId);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        var installer = new StoredInstaller(platform, name, upload.Size, upload.Sha256(), _time.GetUtcNow());
        await blob.CommitBlockListAsync(blockIds, new CommitBlockListOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/octet-stream" },
            Metadata = new Dictionary<string, string>
            {
                [FileNameKey] = Uri.EscapeDataString(installer.FileName),
                [Sha256Key] = installer.Sha256,
                [UploadedAtKey] = installer.UploadedAt.ToString("O", CultureInfo.InvariantCulture),
            },
        }, ct);
        return installer;
    }

    public async Task<StoredInstaller?> GetAsync(InstallerPlatform platform, CancellationToken ct)
    {
        try
        {
            var properties = await Blob(platform).GetPropertiesAsync(cancellationToken: ct);
            return Describe(platform, properties.Value.ContentLength, properties.Value.Metadata);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<StoredInstaller>> ListAsync(CancellationToken ct)
    {
        var installers = new List<StoredInstaller>();
        try
        {
            await foreach (var item in _container.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata }, ct))
            {
                if (InstallerPlatforms.TryParse(item.Name, out var platform))
                {
                    installers.Add(Describe(platform, item.Properties.ContentLength ?? 0, item.Metadata));
                }
            }
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // No container yet: nothing was uploaded.
        }

        return [.. installers.OrderBy(installer => installer.Platform)];
    }

    public async Task<Stream?> OpenReadAsync(InstallerPlatform platform, CancellationToken ct)
    {
        try
        {
            // Pinned to the version it opened: a replacement during the read fails the read instead of mixing two packages.
            return await Blob(platform).OpenReadAsync(new BlobOpenReadOptions(allowModifications: false), ct);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    public async Task<bool> IsAvailableAsync(CancellationToken ct)
    {
        try
        {
            await EnsureContainerAsync(ct);
            await _container.GetPropertiesAsync(cancellationToken: ct);
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task EnsureContainerAsync(CancellationToken ct)
    {
        if (!_containerExists)
        {
            await _container.CreateIfNotExistsAsync(cancellationToken: ct);
            _containerExists = true;
        }
    }

    private BlockBlobClient Blob(InstallerPlatform platform) => _container.GetBlockBlobClient(platform.Name());

    private static StoredInstaller Describe(InstallerPlatform platform, long size, IDictionary<string, string> metadata)
    {
        var byName = new Dictionary<string, string>(metadata, StringComparer.OrdinalIgnoreCase);
        if (!byName.TryGetValue(FileNameKey, out var fileName)
            || !byName.TryGetValue(Sha256Key, out var sha256)
            || !byName.TryGetValue(UploadedAtKey, out var uploadedAt))
        {
            throw new InvalidDataException($"The blob {platform.Name()} in {ContainerName} lacks the metadata of an installer.");
        }

        return new StoredInstaller(
            platform,
            Uri.UnescapeDataString(fileName),
            size,
            sha256,
            DateTimeOffset.Parse(uploadedAt, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
    }
}
