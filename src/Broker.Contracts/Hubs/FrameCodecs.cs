namespace Broker.Contracts.Hubs;

/// <summary>Well-known values of <see cref="Frame.Codec"/>; the broker passes any codec through unchanged.</summary>
public static class FrameCodecs
{
    /// <summary>Uncompressed pixels, 4 bytes each (blue, green, red, alpha), row by row: <c>width × height × 4</c> bytes.</summary>
    public const string RawBgra = "raw-bgra";

    /// <summary>A PNG image.</summary>
    public const string Png = "png";

    /// <summary>A JPEG image.</summary>
    public const string Jpeg = "jpeg";
}
