namespace Broker.Server.Hubs;

/// <summary>
/// Graceful shutdown (SIGTERM, Ctrl+C): as soon as the host is told to stop, before its silo leaves the cluster, every
/// endpoint connection it holds is closed, and new ones are refused. The endpoints reconnect at once, with their usual
/// jittered backoff, through the address they know (a load balancer in front of the hosts) and reach a host that stays;
/// their devices' grains learn the new host from the first heartbeat there.
/// </summary>
public sealed partial class DeviceDrain(DeviceContexts contexts, IHostApplicationLifetime lifetime, ILogger<DeviceDrain> logger) : IHostedService
{
    private CancellationTokenRegistration _stopping;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _stopping = lifetime.ApplicationStopping.Register(() => LogDrained(contexts.Drain()));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => _stopping.DisposeAsync().AsTask();

    [LoggerMessage(EventId = 1, EventName = "EndpointsDrained", Level = LogLevel.Information,
        Message = "Shutting down: closed {Count} endpoint connections so they reconnect to another host")]
    private partial void LogDrained(int count);
}
