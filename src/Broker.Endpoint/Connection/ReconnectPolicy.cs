using Microsoft.AspNetCore.SignalR.Client;

namespace Broker.Endpoint.Connection;

/// <summary>
/// How long an endpoint waits before it tries the broker again: exponential backoff (doubling from
/// <see cref="Initial"/>), capped at <see cref="Maximum"/>, with jitter, and never giving up.
/// </summary>
/// <remarks>
/// When a broker host restarts, every endpoint it held drops at the same moment. Without jitter they would all come
/// back in lock-step waves; "equal jitter" (a wait drawn uniformly from the upper half of the exponential step) spreads
/// them out while still guaranteeing each endpoint at least half the step, so none hammers the broker.
/// </remarks>
public sealed class ReconnectPolicy(TimeSpan initial, TimeSpan maximum, Random random) : IRetryPolicy
{
    public static readonly TimeSpan DefaultInitial = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan DefaultMaximum = TimeSpan.FromSeconds(60);

    public ReconnectPolicy()
        : this(DefaultInitial, DefaultMaximum, Random.Shared)
    {
    }

    public TimeSpan Initial { get; } = initial > TimeSpan.Zero ? initial : throw new ArgumentOutOfRangeException(nameof(initial));

    public TimeSpan Maximum { get; } = maximum >= initial ? maximum : throw new ArgumentOutOfRangeException(nameof(maximum));

    /// <inheritdoc/>
    public TimeSpan? NextRetryDelay(RetryContext retryContext) => Delay(retryContext.PreviousRetryCount);

    /// <summary>The wait before retry number <paramref name="previousRetries"/> + 1: within [step / 2, step], step = min(initial · 2ⁿ, maximum).</summary>
    public TimeSpan Delay(long previousRetries)
    {
        var step = Step(previousRetries);
        return step / 2 + step / 2 * random.NextDouble();
    }

    /// <summary>The upper bound of the wait before retry number <paramref name="previousRetries"/> + 1.</summary>
    public TimeSpan Step(long previousRetries)
    {
        // Past 2^30 any sensible initial wait is long beyond the cap; stopping there keeps the arithmetic from overflowing.
        var doubled = Initial * Math.Pow(2, Math.Clamp(previousRetries, 0, 30));
        return doubled < Maximum ? doubled : Maximum;
    }
}
