using System.Data.Common;
using Broker.Schema;

namespace Broker.Server.Storage;

/// <summary>
/// Cluster mode: before the silo starts, the shared database must answer and hold every schema script this build
/// knows, applied by <c>brokerctl db migrate</c>. Hosts never migrate a shared database on their own, so a rolling
/// upgrade cannot change the schema under hosts of the previous version.
/// </summary>
public sealed class SchemaCheckService(SchemaMigrator migrator, IBrokerDatabase database) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var where = database is PostgresDatabase postgres ? postgres.Describe() : database.Dialect;
        IReadOnlyList<SchemaScript> pending;
        try
        {
            pending = await migrator.PendingAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is DbException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw new BrokerStartupException($"The database at {where} does not answer: {exception.Message}", exception);
        }

        if (pending.Count > 0)
        {
            throw new BrokerStartupException(
                $"The database at {where} lacks the broker's schema ({string.Join(", ", pending.Select(s => s.Name))} not applied). " +
                "Apply it with: brokerctl db migrate --connection \"<the ConnectionStrings:Orleans of this host>\"");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
