using System.Runtime.InteropServices;

namespace Broker.Endpoint.Frames;

/// <summary>An opaque colour of a <see cref="BgraBitmap"/>.</summary>
internal readonly record struct PixelColor(byte R, byte G, byte B)
{
    /// <summary>The colour as one pixel in memory order (blue, green, red, alpha), to fill runs of pixels at once.</summary>
    public uint Packed => MemoryMarshal.Read<uint>([B, G, R, 255]);
}
