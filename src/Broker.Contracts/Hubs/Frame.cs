using MessagePack;

namespace Broker.Contracts.Hubs;

/// <summary>
/// One screen frame of a session, from the endpoint's <c>UploadFrames</c> stream to each viewer's <c>WatchSession</c>
/// stream. <see cref="Data"/> is opaque to the broker (the endpoint chooses the <see cref="Codec"/>), at most
/// <see cref="MaxDataBytes"/>; <see cref="Seq"/> grows by one per captured frame, so a viewer sees which ones it skipped;
/// <see cref="CapturedAtUnixMs"/> is the endpoint's capture time, for end-to-end latency.
/// </summary>
/// <remarks>
/// Immutable for Orleans, which then passes it between grains of one host without copying (its codec is a surrogate in
/// Broker.Grains, so this assembly stays free of Orleans' code generation); with MessagePack the data travels as binary,
/// with JSON as base64. The keys are camelCase in both protocols.
/// </remarks>
[Immutable, Alias("Broker.Frame")]
[MessagePackObject]
public sealed record Frame(
    [property: Key("sessionId")] Guid SessionId,
    [property: Key("seq")] long Seq,
    [property: Key("capturedAtUnixMs")] long CapturedAtUnixMs,
    [property: Key("width")] int Width,
    [property: Key("height")] int Height,
    [property: Key("codec")] string Codec,
    [property: Key("data")] byte[] Data,
    [property: Key("keyFrame")] bool KeyFrame)
{
    /// <summary>The most data one frame may carry: 4 MiB.</summary>
    public const int MaxDataBytes = 4 * 1024 * 1024;
}
