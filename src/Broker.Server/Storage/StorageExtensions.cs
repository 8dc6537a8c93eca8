using System.Net;
using Broker.Grains.Common;
using Broker.Schema;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace Broker.Server.Storage;

/// <summary>
/// The storage profiles (DESIGN section 2). <see cref="BrokerMode.Local"/>: localhost clustering, state in a SQLite file,
/// schema applied at start. <see cref="BrokerMode.Cluster"/>: ADO.NET clustering and state on PostgreSQL, whose schema
/// <c>brokerctl db migrate</c> applies; a host checks it at start and refuses to run without it.
/// </summary>
public static class StorageExtensions
{
    public const string ClusterId = "broker";
    public const string ServiceId = "broker";
    public const string ConnectionStringName = "Orleans";

    public static IHostApplicationBuilder AddBrokerStorage(this IHostApplicationBuilder builder, BrokerOptions options)
    {
        var database = options.Mode == BrokerMode.Local
            ? (IBrokerDatabase)new SqliteDatabase(Path.Combine(options.FullDataPath, "broker.db"))
            : Postgres(builder.Configuration);
        builder.Services.AddSingleton(database);
        builder.Services.AddSingleton<SchemaMigrator>();

        // Registered before the silo, so the schema (and the queries Orleans reads from it) exists when the silo starts.
        if (options.Mode == BrokerMode.Local)
        {
            builder.Services.AddHostedService<SchemaMigrationService>();
        }
        else
        {
            builder.Services.AddHostedService<SchemaCheckService>();
        }

        var advertised = options.AdvertisedIPAddress;
        builder.UseOrleans(silo =>
        {
            if (options.Mode == BrokerMode.Local)
            {
                var primary = options.PrimarySiloPort is { } port ? new IPEndPoint(IPAddress.Loopback, port) : null;
                silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, primary, serviceId: ServiceId, clusterId: ClusterId);
            }
            else
            {
                silo.Configure<ClusterOptions>(cluster => (cluster.ClusterId, cluster.ServiceId) = (ClusterId, ServiceId));
                silo.Configure<EndpointOptions>(endpoint =>
                {
                    endpoint.SiloPort = options.SiloPort;
                    endpoint.GatewayPort = options.GatewayPort;
                    if (advertised is not null)
                    {
                        endpoint.AdvertisedIPAddress = advertised;
                    }
                });
                silo.UseAdoNetClustering(clustering =>
                {
                    clustering.Invariant = database.OrleansInvariant;
                    clustering.ConnectionString = database.ConnectionString;
                });
            }

            silo.AddAdoNetGrainStorage(BrokerStorage.Name, storage => storage.Configure<Serializer>((o, serializer) =>
            {
                o.Invariant = database.OrleansInvariant;
                o.ConnectionString = database.ConnectionString;

                // Orleans' own version-tolerant binary format, driven by the [Id]s on our state records.
                o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
            }));
        });
        return builder;
    }

    private static PostgresDatabase Postgres(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new BrokerStartupException(
                $"Broker:Mode=Cluster keeps cluster membership and grain state in PostgreSQL: set ConnectionStrings:{ConnectionStringName} " +
                $"(environment variable ConnectionStrings__{ConnectionStringName}), e.g. \"Host=db;Database=broker;Username=broker;Password=…\".");
        }

        try
        {
            return new PostgresDatabase(connectionString);
        }
        catch (ArgumentException exception)
        {
            throw new BrokerStartupException($"ConnectionStrings:{ConnectionStringName}: {exception.Message}", exception);
        }
    }
}
