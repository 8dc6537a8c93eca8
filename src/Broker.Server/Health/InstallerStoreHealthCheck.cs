using Broker.Server.Installers;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Broker.Server.Health;

/// <summary>Ready only while the installer store (folder or blob container) answers.</summary>
public sealed class InstallerStoreHealthCheck(IInstallerStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await store.IsAvailableAsync(cancellationToken)
                ? HealthCheckResult.Healthy("The installer store answers.")
                : HealthCheckResult.Unhealthy("The installer store does not answer.");
        }
        catch (Exception exception)
        {
            return HealthCheckResult.Unhealthy("The installer store does not answer.", exception);
        }
    }
}
