using Broker.Contracts.Hubs;

namespace Broker.Endpoint.Frames;

/// <summary>Turns a picture into a frame's data in one of the codecs this endpoint can write.</summary>
internal static class FrameEncoder
{
    /// <summary>The codecs this endpoint writes: PNG, which browsers decode natively and the default, and uncompressed pixels.</summary>
    public static IReadOnlyList<string> Codecs { get; } = [FrameCodecs.Png, FrameCodecs.RawBgra];

    /// <summary>
    /// Encodes <paramref name="bitmap"/>. For <c>raw-bgra</c> the frame's data is the bitmap's own buffer, not a copy: the
    /// caller hands over a bitmap it no longer draws into.
    /// </summary>
    public static byte[] Encode(BgraBitmap bitmap, string codec) => codec switch
    {
        FrameCodecs.Png => PngEncoder.Encode(bitmap),
        FrameCodecs.RawBgra => bitmap.Pixels,
        _ => throw new ArgumentException($"This endpoint cannot encode frames as '{codec}'.", nameof(codec)),
    };
}
