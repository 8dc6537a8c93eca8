using System.Runtime.InteropServices;
using Broker.Contracts.Hubs;

namespace Broker.Endpoint.Frames;

/// <summary>
/// A picture laid out as <see cref="FrameCodecs.RawBgra"/> sends it: 4 bytes per pixel (blue, green, red, alpha), row by
/// row from the top, so a raw frame is this buffer as it is. Drawing outside the picture is clipped, never an error.
/// </summary>
internal sealed class BgraBitmap
{
    public BgraBitmap(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        Width = width;
        Height = height;
        Pixels = new byte[checked(width * height * 4)];
    }

    public int Width { get; }

    public int Height { get; }

    public byte[] Pixels { get; }

    public PixelColor this[int x, int y]
    {
        get
        {
            var at = Offset(x, y);
            return new PixelColor(Pixels[at + 2], Pixels[at + 1], Pixels[at]);
        }
    }

    /// <summary>The pixels of row <paramref name="y"/>, 4 bytes each.</summary>
    public ReadOnlySpan<byte> Row(int y) => Pixels.AsSpan(Offset(0, y), Width * 4);

    public void Fill(int x, int y, int width, int height, PixelColor color)
    {
        var left = Math.Max(x, 0);
        var top = Math.Max(y, 0);
        var right = Math.Min((long)x + width, Width);
        var bottom = Math.Min((long)y + height, Height);
        if (left >= right || top >= bottom)
        {
            return;
        }

        var packed = color.Packed;
        for (var row = top; row < bottom; row++)
        {
            MemoryMarshal.Cast<byte, uint>(Pixels.AsSpan(Offset(left, row), (int)(right - left) * 4)).Fill(packed);
        }
    }

    public void Fill(PixelColor color) => Fill(0, 0, Width, Height, color);

    private int Offset(int x, int y)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)x, (uint)Width, nameof(x));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)y, (uint)Height, nameof(y));
        return (y * Width + x) * 4;
    }
}
