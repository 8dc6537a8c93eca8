namespace Broker.Grains.Sessions;

/// <summary>Which session a support key opens, until when, and whether it was used.</summary>
[GenerateSerializer, Alias("Broker.SupportKeyState")]
public sealed record class SupportKeyState
{
    [Id(0)] public Guid? SessionId { get; set; }
    [Id(1)] public DateTimeOffset ExpiresAt { get; set; }
    [Id(2)] public bool Used { get; set; }
}
