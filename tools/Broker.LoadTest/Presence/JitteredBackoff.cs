using Microsoft.AspNetCore.SignalR.Client;

namespace Broker.LoadTest.Presence;

/// <summary>
/// The endpoint's reconnect policy (<c>Broker.Endpoint.Connection.ReconnectPolicy</c>, the same formula): exponential
/// backoff from 1 s doubling up to 60 s, "equal jitter" (a wait drawn from the upper half of the step), never giving up.
/// </summary>
public sealed class JitteredBackoff : IRetryPolicy
{
    private static readonly TimeSpan Initial = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Maximum = TimeSpan.FromSeconds(60);

    public TimeSpan? NextRetryDelay(RetryContext retryContext) => Delay(retryContext.PreviousRetryCount);

    public static TimeSpan Delay(long previousRetries)
    {
        var doubled = Initial * Math.Pow(2, Math.Clamp(previousRetries, 0, 30));
        var step = doubled < Maximum ? doubled : Maximum;
        return step / 2 + step / 2 * Random.Shared.NextDouble();
    }
}
