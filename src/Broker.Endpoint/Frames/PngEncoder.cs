using System.Buffers.Binary;
using System.IO.Compression;

namespace Broker.Endpoint.Frames;

/// <summary>
/// Writes a picture as a PNG file (W3C PNG specification): 8-bit RGB without alpha (a screen is opaque), every row
/// filtered with "Sub" (each byte minus the same byte of the pixel to its left, which turns flat areas and horizontal
/// gradients into runs of zeros), one zlib-compressed IDAT chunk. Browsers decode PNG natively, so a viewer can draw
/// these frames as they arrive.
/// </summary>
/// <remarks>
/// Compressed at the optimal level, not the fastest: measured on the test pattern, a quarter of the size (3 KB instead
/// of 12 KB at 640x360, 17 KB instead of 80 KB at 1920x1080) in the same time, about 2 ms and 9 ms a frame.
/// </remarks>
internal static class PngEncoder
{
    private const byte BitDepth = 8;
    private const byte ColorTypeRgb = 2;
    private const byte FilterSub = 1;

    /// <summary>The eight bytes every PNG file starts with.</summary>
    public static ReadOnlySpan<byte> Signature => [137, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10];

    public static byte[] Encode(BgraBitmap bitmap)
    {
        using var png = new MemoryStream();
        png.Write(Signature);
        WriteChunk(png, "IHDR"u8, Header(bitmap));
        using (var pixels = Compress(bitmap))
        {
            WriteChunk(png, "IDAT"u8, pixels.GetBuffer().AsSpan(0, (int)pixels.Length));
        }

        WriteChunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    private static byte[] Header(BgraBitmap bitmap)
    {
        // Compression method, filter method and interlace method stay 0: deflate, adaptive filtering, not interlaced.
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, bitmap.Width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), bitmap.Height);
        header[8] = BitDepth;
        header[9] = ColorTypeRgb;
        return header;
    }

    private static MemoryStream Compress(BgraBitmap bitmap)
    {
        var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            var line = new byte[1 + bitmap.Width * 3];
            line[0] = FilterSub;
            for (var y = 0; y < bitmap.Height; y++)
            {
                var row = bitmap.Row(y);
                byte red = 0, green = 0, blue = 0;
                for (int x = 0, at = 1; x < bitmap.Width; x++, at += 3)
                {
                    var pixel = row.Slice(x * 4, 3);
                    line[at] = (byte)(pixel[2] - red);
                    line[at + 1] = (byte)(pixel[1] - green);
                    line[at + 2] = (byte)(pixel[0] - blue);
                    (red, green, blue) = (pixel[2], pixel[1], pixel[0]);
                }

                zlib.Write(line);
            }
        }

        return compressed;
    }

    /// <summary>Length (big-endian), type, data, and the CRC-32 of type and data.</summary>
    private static void WriteChunk(Stream png, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        png.Write(type);
        png.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32.Finish(Crc32.Update(Crc32.Update(Crc32.Start, type), data)));
        png.Write(number);
    }
}
