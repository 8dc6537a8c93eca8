using System.Net;
using Broker.Grains.Common;
using Orleans.Serialization;
using Orleans.Storage;

namespace Broker.Server.Storage;

/// <summary>The storage profile of <see cref="BrokerMode.Local"/>: one silo on localhost, state in SQLite.</summary>
public static class StorageExtensions
{
    public const string ClusterId = "broker";
    public const string ServiceId = "broker";

    public static IHostApplicationBuilder AddBrokerStorage(this IHostApplicationBuilder builder, BrokerOptions options)
    {
        if (options.Mode != BrokerMode.Local)
        {
            throw new InvalidOperationException(
                $"Broker:Mode={options.Mode} is not available in this build yet; use Broker:Mode=Local (the default).");
        }

        var database = new SqliteDatabase(Path.Combine(options.FullDataPath, "broker.db"));
        builder.Services.AddSingleton<IBrokerDatabase>(database);
        builder.Services.AddSingleton<SchemaMigrator>();

        // Registered before the silo, so the schema (and the queries Orleans reads from it) exists when the silo starts.
        builder.Services.AddHostedService<SchemaMigrationService>();
        builder.UseOrleans(silo =>
        {
            var primary = options.PrimarySiloPort is { } port ? new IPEndPoint(IPAddress.Loopback, port) : null;
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, primary, serviceId: ServiceId, clusterId: ClusterId);
            silo.AddAdoNetGrainStorage(BrokerStorage.Name, storage => storage.Configure<Serializer>((o, serializer) =>
            {
                o.Invariant = SqliteDatabase.OrleansInvariant;
                o.ConnectionString = database.ConnectionString;

                // Orleans' own version-tolerant binary format, driven by the [Id]s on our state records.
                o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
            }));
        });
        return builder;
    }
}
