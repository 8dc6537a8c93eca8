namespace Broker.LoadTest.Presence;

/// <summary>One endpoint of a <see cref="PresencePlan"/>: its device token (none for the baseline) and the host it connects to first.</summary>
public sealed record PlannedEndpoint(string? Token, int Host);
