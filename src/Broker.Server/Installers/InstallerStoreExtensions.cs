using Azure.Storage.Blobs;

namespace Broker.Server.Installers;

/// <summary>Where the installers live: a folder in Local mode, Azure Blob Storage in Cluster mode.</summary>
public static class InstallerStoreExtensions
{
    public const string ConnectionStringName = "Installers";

    public static IHostApplicationBuilder AddInstallerStore(this IHostApplicationBuilder builder, BrokerOptions options)
    {
        var storeOptions = builder.Configuration.GetSection(InstallerStoreOptions.Section).Get<InstallerStoreOptions>() ?? new InstallerStoreOptions();
        if (options.Mode == BrokerMode.Local)
        {
            var root = Path.Combine(options.FullDataPath, "installers");
            builder.Services.AddSingleton<IInstallerStore>(sp => new FolderInstallerStore(root, storeOptions, sp.GetService<TimeProvider>()));
            return builder;
        }

        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new BrokerStartupException(
                $"Broker:Mode={options.Mode} keeps installers in Azure Blob Storage: set ConnectionStrings:{ConnectionStringName} " +
                $"(environment variable ConnectionStrings__{ConnectionStringName}) to the storage account's connection string.");
        }

        builder.Services.AddSingleton<IInstallerStore>(sp =>
            new BlobInstallerStore(new BlobServiceClient(connectionString), storeOptions, sp.GetService<TimeProvider>()));
        return builder;
    }
}
