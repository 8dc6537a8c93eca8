using Broker.Schema;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Broker.Server.Health;

/// <summary>Ready only while the database answers a query on our schema.</summary>
public sealed class DatabaseHealthCheck(IBrokerDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM BrokerSchemaVersions";
            var applied = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken));
            return HealthCheckResult.Healthy($"The database answers ({applied} schema scripts applied).");
        }
        catch (Exception exception)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", exception);
        }
    }
}
