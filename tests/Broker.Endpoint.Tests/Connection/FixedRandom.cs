namespace Broker.Endpoint.Tests.Connection;

/// <summary>A Random whose draws the test chooses, to pin the jitter to its bounds.</summary>
public sealed class FixedRandom(double value) : Random
{
    public override double NextDouble() => value;
}
