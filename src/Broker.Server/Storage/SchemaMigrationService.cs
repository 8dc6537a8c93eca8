using Broker.Schema;

namespace Broker.Server.Storage;

/// <summary>Applies the schema at start, before the silo reads its queries from it.</summary>
public sealed class SchemaMigrationService(SchemaMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
