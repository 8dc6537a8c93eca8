using MessagePack;

namespace Broker.Contracts.Hubs;

/// <summary>
/// One input event: <c>kind</c> is e.g. <c>pointer-move</c>, <c>pointer-down</c>, <c>pointer-up</c>, <c>wheel</c>,
/// <c>key-down</c>, <c>key-up</c>, <c>text</c>; <c>x</c> and <c>y</c> are in the frame's pixels.
/// </summary>
[Immutable, Alias("Broker.InputEvent")]
[MessagePackObject]
public sealed record InputEvent(
    [property: Key("kind")] string Kind,
    [property: Key("x")] double? X = null,
    [property: Key("y")] double? Y = null,
    [property: Key("button")] int? Button = null,
    [property: Key("key")] string? Key = null,
    [property: Key("text")] string? Text = null);
