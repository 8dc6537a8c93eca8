namespace Broker.Grains.Common;

/// <summary>A refused operation; converts to any <see cref="Result{T}"/>.</summary>
[GenerateSerializer, Immutable, Alias("Broker.Refusal")]
public sealed record Refusal(
    [property: Id(0)] OutcomeKind Kind,
    [property: Id(1)] string Error,
    [property: Id(2)] string? Field = null)
{
    public static Refusal NotFound(string error) => new(OutcomeKind.NotFound, error);

    public static Refusal Conflict(string error, string? field = null) => new(OutcomeKind.Conflict, error, field);

    public static Refusal Invalid(string field, string error) => new(OutcomeKind.Invalid, error, field);

    public static Refusal Forbidden(string error) => new(OutcomeKind.Forbidden, error);
}
