namespace Broker.Grains.Common;

/// <summary>How a grain operation ended; expected refusals are values, not exceptions.</summary>
[GenerateSerializer]
public enum OutcomeKind
{
    Ok = 0,
    NotFound = 1,
    Conflict = 2,
    Invalid = 3,
    Forbidden = 4,
}
