namespace Broker.Grains.Throttling;

/// <inheritdoc cref="ILoginThrottleGrain"/>
/// <remarks>
/// Kept in memory: a restart forgets recent failures, which costs an attacker nothing they could not get by waiting
/// out the window. The grain stays active for longer than the window so a lock-out is not dropped by idle collection.
/// </remarks>
[CollectionAgeLimit(Minutes = 30)]
public sealed class LoginThrottleGrain(TimeProvider clock) : Grain, ILoginThrottleGrain
{
    /// <summary>How long a failure counts.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    /// <summary>How long an attempt may stay unfinished before it stops counting (its host died).</summary>
    private static readonly TimeSpan InFlightTimeout = TimeSpan.FromSeconds(30);

    private readonly Queue<DateTimeOffset> _failures = new();
    private readonly List<DateTimeOffset> _inFlight = [];

    /// <summary>Failures allowed within the window: few per account, more per address (many people share one).</summary>
    private int Limit => this.GetPrimaryKeyString().StartsWith(LoginThrottleKeys.AccountPrefix, StringComparison.Ordinal) ? 5 : 20;

    public Task<ThrottleDecision> Begin()
    {
        var now = clock.GetUtcNow();
        Forget(now);
        if (_failures.Count + _inFlight.Count >= Limit)
        {
            var retryAt = _failures.Count >= Limit
                ? _failures.ElementAt(_failures.Count - Limit) + Window
                : _inFlight.Min() + InFlightTimeout;
            return Task.FromResult(new ThrottleDecision(false, retryAt - now));
        }

        _inFlight.Add(now);
        return Task.FromResult(ThrottleDecision.Allow);
    }

    public Task Finish(bool succeeded)
    {
        var now = clock.GetUtcNow();
        if (_inFlight.Count > 0)
        {
            _inFlight.RemoveAt(0);
        }

        if (!succeeded)
        {
            _failures.Enqueue(now);
        }
        else if (this.GetPrimaryKeyString().StartsWith(LoginThrottleKeys.AccountPrefix, StringComparison.Ordinal))
        {
            // The account's owner proved themselves; an address is shared, so its count stays.
            _failures.Clear();
        }

        Forget(now);
        return Task.CompletedTask;
    }

    public Task Release()
    {
        if (_inFlight.Count > 0)
        {
            _inFlight.RemoveAt(0);
        }

        return Task.CompletedTask;
    }

    private void Forget(DateTimeOffset now)
    {
        while (_failures.TryPeek(out var oldest) && now - oldest >= Window)
        {
            _failures.Dequeue();
        }

        _inFlight.RemoveAll(started => now - started >= InFlightTimeout);
    }
}
