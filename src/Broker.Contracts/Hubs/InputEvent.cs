namespace Broker.Contracts.Hubs;

/// <summary>One input event: <c>kind</c> is e.g. <c>pointer-move</c>, <c>pointer-down</c>, <c>pointer-up</c>, <c>key-down</c>, <c>key-up</c>, <c>text</c>.</summary>
public sealed record InputEvent(string Kind, double? X = null, double? Y = null, int? Button = null, string? Key = null, string? Text = null);
