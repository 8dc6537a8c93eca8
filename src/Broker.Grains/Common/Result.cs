namespace Broker.Grains.Common;

/// <summary>The outcome of a grain operation: a value, or a refusal with a message for people.</summary>
/// <param name="Kind">How it ended.</param>
/// <param name="Value">The value when <paramref name="Kind"/> is <see cref="OutcomeKind.Ok"/>.</param>
/// <param name="Error">Why it was refused, in words for the person who asked.</param>
/// <param name="Field">The request member the refusal is about, when it is about one.</param>
[GenerateSerializer, Immutable, Alias("Broker.Result`1")]
public sealed record Result<T>(
    [property: Id(0)] OutcomeKind Kind,
    [property: Id(1)] T? Value,
    [property: Id(2)] string? Error,
    [property: Id(3)] string? Field)
{
    public bool IsOk => Kind == OutcomeKind.Ok;

    public static implicit operator Result<T>(T value) => new(OutcomeKind.Ok, value, null, null);

    public static implicit operator Result<T>(Refusal refusal) => new(refusal.Kind, default, refusal.Error, refusal.Field);

    /// <summary>The same refusal, for a result of another type.</summary>
    public Refusal AsRefusal() => IsOk
        ? throw new InvalidOperationException("An accepted result is not a refusal.")
        : new Refusal(Kind, Error ?? Kind.ToString(), Field);
}
