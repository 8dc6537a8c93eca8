namespace Broker.Server.Hubs;

/// <summary>Re-registers this host's connections with their grains every minute (observers are not durable).</summary>
public sealed partial class ConnectionRefresher(LocalConnections connections, TimeProvider clock, ILogger<ConnectionRefresher> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await connections.RefreshAsync();
            }
            catch (Exception exception)
            {
                LogRefreshFailed(exception);
            }
        }
    }

    [LoggerMessage(EventId = 1, EventName = "ConnectionRefreshFailed", Level = LogLevel.Warning, Message = "Refreshing connection registrations failed")]
    private partial void LogRefreshFailed(Exception exception);
}
