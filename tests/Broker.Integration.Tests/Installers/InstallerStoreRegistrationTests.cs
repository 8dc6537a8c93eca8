using Broker.Contracts.Installers;
using Broker.Server;
using Broker.Server.Installers;
using Microsoft.Extensions.Hosting;

namespace Broker.Integration.Tests.Installers;

/// <summary>Which store a host gets for its mode.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class InstallerStoreRegistrationTests(AzuriteFixture azurite) : IDisposable
{
    private readonly DirectoryInfo _dataPath = Directory.CreateTempSubdirectory("broker-data-");

    [Fact]
    public async Task Local_mode_keeps_installers_in_the_data_folder()
    {
        using var services = Build(new BrokerOptions { DataPath = _dataPath.FullName });

        var store = Assert.IsType<FolderInstallerStore>(services.GetRequiredService<IInstallerStore>());

        Assert.Equal(Path.Combine(_dataPath.FullName, "installers"), store.Root);
        Assert.True(await store.IsAvailableAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Cluster_mode_keeps_installers_in_the_blob_storage_of_the_installers_connection_string()
    {
        using var services = Build(new BrokerOptions { Mode = BrokerMode.Cluster }, ("ConnectionStrings:Installers", azurite.ConnectionString));

        var store = Assert.IsType<BlobInstallerStore>(services.GetRequiredService<IInstallerStore>());

        Assert.True(await store.IsAvailableAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Cluster_mode_without_an_installers_connection_string_refuses_to_start()
    {
        var refused = Assert.Throws<BrokerStartupException>(() => Build(new BrokerOptions { Mode = BrokerMode.Cluster }));

        Assert.Contains("ConnectionStrings:Installers", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_size_limit_comes_from_configuration()
    {
        using var services = Build(new BrokerOptions { DataPath = _dataPath.FullName }, ("Broker:Installers:MaxPackageSize", "10"));

        var store = services.GetRequiredService<IInstallerStore>();

        await Assert.ThrowsAsync<InstallerTooLargeException>(() =>
            store.SaveAsync(InstallerPlatform.LinuxX64, "x.tar.gz", new GeneratedStream(11), TestContext.Current.CancellationToken));
    }

    private static ServiceProvider Build(BrokerOptions options, params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings.Select(setting => KeyValuePair.Create(setting.Key, (string?)setting.Value)));
        builder.AddInstallerStore(options);
        return builder.Services.BuildServiceProvider();
    }

    public void Dispose() => _dataPath.Delete(recursive: true);
}
