using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Broker.Server.Health;

/// <summary>
/// Ready only while this host's silo is an active member of its cluster: not while it joins, once the others declared
/// it dead, nor from the moment the host begins to shut down (so a load balancer stops sending before Kestrel stops).
/// </summary>
public sealed class SiloHealthCheck(ILocalSiloDetails silo, IClusterMembershipService membership, IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"Silo {silo.SiloAddress}: the host is shutting down."));
        }

        var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"Silo {silo.SiloAddress} is active.")
            : HealthCheckResult.Unhealthy($"Silo {silo.SiloAddress} is {status}."));
    }
}
