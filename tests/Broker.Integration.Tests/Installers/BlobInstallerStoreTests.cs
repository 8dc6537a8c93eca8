using Azure.Storage.Blobs;
using Broker.Contracts.Installers;
using Broker.Server.Installers;

namespace Broker.Integration.Tests.Installers;

/// <summary>The contract on Azurite, each test in a container of its own, and how the blobs look.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobInstallerStoreTests(AzuriteFixture azurite) : InstallerStoreContract, IAsyncLifetime
{
    private readonly BlobContainerClient _container = azurite.CreateServiceClient().GetBlobContainerClient($"installers-{Guid.NewGuid():N}");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected override IInstallerStore CreateStore(long maxPackageSize = InstallerStoreOptions.DefaultMaxPackageSize) =>
        new BlobInstallerStore(_container, new InstallerStoreOptions { MaxPackageSize = maxPackageSize });

    protected override IInstallerStore CreateUnreachableStore()
    {
        var nobody = new BlobServiceClient(
            azurite.ConnectionString.Replace($":{azurite.Port}/", ":1/", StringComparison.Ordinal),
            new BlobClientOptions { Retry = { MaxRetries = 0 } });
        return new BlobInstallerStore(nobody);
    }

    [Fact]
    public async Task Each_platform_is_one_blob_in_the_installers_container_named_by_its_wire_name()
    {
        var service = azurite.CreateServiceClient();
        var container = service.GetBlobContainerClient(BlobInstallerStore.ContainerName);
        try
        {
            var store = new BlobInstallerStore(service);
            await store.SaveAsync(InstallerPlatform.LinuxX64, "old.tar.gz", new GeneratedStream(5000, seed: 1), Ct);
            var saved = await store.SaveAsync(InstallerPlatform.LinuxX64, "new.tar.gz", new GeneratedStream(7000, seed: 2), Ct);
            await store.SaveAsync(InstallerPlatform.WindowsMsi, "setup.msi", new GeneratedStream(100), Ct);

            var blobs = new List<string>();
            await foreach (var blob in container.GetBlobsAsync(cancellationToken: Ct))
            {
                blobs.Add(blob.Name);
            }

            Assert.Equal(["linux-x64", "windows-msi"], blobs.Order(StringComparer.Ordinal));
            var properties = (await container.GetBlobClient("linux-x64").GetPropertiesAsync(cancellationToken: Ct)).Value;
            Assert.Equal(saved.Size, properties.ContentLength);
            Assert.Equal(saved.Sha256, properties.Metadata["sha256"]);
            Assert.Equal("new.tar.gz", properties.Metadata["filename"]);
        }
        finally
        {
            await container.DeleteIfExistsAsync(cancellationToken: Ct);
        }
    }

    [Fact]
    public async Task A_reader_never_gets_a_mix_of_the_old_and_the_new_package()
    {
        var store = CreateStore();
        var previous = await store.SaveAsync(InstallerPlatform.LinuxX64, "old.tar.gz", new GeneratedStream(12 * 1024 * 1024, seed: 1), Ct);
        await using var reader = await store.OpenReadAsync(InstallerPlatform.LinuxX64, Ct);
        var head = new byte[1024];
        await reader!.ReadExactlyAsync(head, Ct);

        await store.SaveAsync(InstallerPlatform.LinuxX64, "new.tar.gz", new GeneratedStream(12 * 1024 * 1024, seed: 2), Ct);

        // The rest either comes from the version the reader opened, or the read fails; never from the new one.
        var rest = new MemoryStream();
        try
        {
            await reader.CopyToAsync(rest, Ct);
            Assert.Equal(GeneratedStream.Bytes(previous.Size, seed: 1)[1024..], rest.ToArray());
        }
        catch (Azure.RequestFailedException exception)
        {
            Assert.Equal(412, exception.Status);
        }
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _container.DeleteIfExistsAsync();
}
