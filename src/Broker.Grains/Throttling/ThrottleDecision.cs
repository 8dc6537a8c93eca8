namespace Broker.Grains.Throttling;

/// <summary>Whether a login attempt may go ahead, and if not, when the next one may.</summary>
[GenerateSerializer, Immutable, Alias("Broker.ThrottleDecision")]
public sealed record ThrottleDecision([property: Id(0)] bool Allowed, [property: Id(1)] TimeSpan RetryAfter)
{
    public static ThrottleDecision Allow { get; } = new(true, TimeSpan.Zero);
}
