using System.Threading.Channels;
using Broker.Grains.Connections;

namespace Broker.Server.Hubs;

/// <summary>
/// Re-registers this host's connections with their grains (observers are not durable): every minute, and at once when
/// the cluster declares a host dead, because the grains that lived there come back elsewhere knowing none of this
/// host's viewers. So a session whose grain was lost goes on streaming within seconds instead of up to a minute.
/// </summary>
public sealed partial class ConnectionRefresher(
    LocalConnections connections, IClusterMembershipService membership, TimeProvider clock, ILogger<ConnectionRefresher> logger) : BackgroundService
{
    public static readonly TimeSpan Period = ConnectionRegistrations.RefreshPeriod;

    private readonly Channel<SiloAddress> _lostHosts = Channel.CreateBounded<SiloAddress>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not awaited at the end: Orleans' membership stream notices the token only at its next update, which may be
        // long after this host was told to stop (its own silo stops later), and the host would wait for it.
        _ = WatchMembershipAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
            {
                var lost = _lostHosts.Reader.ReadAsync(wait.Token).AsTask();
                await Task.WhenAny(Task.Delay(Period, clock, wait.Token), lost);
                await wait.CancelAsync();
                if (lost.IsCompletedSuccessfully)
                {
                    LogHostLost(lost.Result);
                }
            }

            if (stoppingToken.IsCancellationRequested)
            {
                break;
            }

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

    private async Task WatchMembershipAsync(CancellationToken stoppingToken)
    {
        var dead = new HashSet<SiloAddress>();
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                foreach (var member in snapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead && dead.Add(m.SiloAddress)))
                {
                    _lostHosts.Writer.TryWrite(member.SiloAddress);
                }
            }
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping; so is the silo whose membership this watched.
        }
        catch (Exception exception)
        {
            LogMembershipWatchFailed(exception);
        }
    }

    [LoggerMessage(EventId = 1, EventName = "ConnectionRefreshFailed", Level = LogLevel.Warning, Message = "Refreshing connection registrations failed")]
    private partial void LogRefreshFailed(Exception exception);

    [LoggerMessage(EventId = 3, EventName = "MembershipWatchFailed", Level = LogLevel.Warning,
        Message = "Watching cluster membership failed; connections are registered again every minute only")]
    private partial void LogMembershipWatchFailed(Exception exception);

    [LoggerMessage(EventId = 2, EventName = "HostLost", Level = LogLevel.Information,
        Message = "Host {Silo} left the cluster: registering this host's connections again")]
    private partial void LogHostLost(SiloAddress silo);
}
