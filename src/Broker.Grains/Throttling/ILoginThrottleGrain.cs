namespace Broker.Grains.Throttling;

/// <summary>
/// Counts failed logins for one account or one client address and refuses attempts once too many failed
/// within the window. Attempts in flight count too, so a burst of parallel guesses cannot slip past the limit.
/// </summary>
[Alias("Broker.ILoginThrottleGrain")]
public interface ILoginThrottleGrain : IGrainWithStringKey
{
    /// <summary>Asks to make an attempt; an allowed attempt must be finished with <see cref="Finish"/>.</summary>
    Task<ThrottleDecision> Begin();

    /// <summary>Records how an attempt allowed by <see cref="Begin"/> ended.</summary>
    Task Finish(bool succeeded);

    /// <summary>Gives back an attempt allowed by <see cref="Begin"/> that was never made (another limit refused it).</summary>
    Task Release();
}
