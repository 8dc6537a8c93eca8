namespace Broker.Grains.Common;

/// <summary>The value of an operation that has nothing to return but its success.</summary>
[GenerateSerializer, Immutable, Alias("Broker.Done")]
public sealed record Done
{
    public static Done Value { get; } = new();
}
