using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Broker.Endpoint.Frames;

namespace Broker.Endpoint.Tests.Frames;

/// <summary>
/// A strict PNG reader for the tests, independent of the encoder: checks the signature, every chunk's CRC, IHDR's
/// fields and chunk order, inflates the IDAT data and undoes all five row filters, for 8-bit RGB and RGBA.
/// </summary>
internal static class PngReader
{
    public sealed record Chunk(string Type, byte[] Data, uint Crc);

    public sealed record Png(IReadOnlyList<Chunk> Chunks, int BitDepth, int ColorType, IReadOnlyList<int> Filters, Picture Picture);

    public static Png Read(byte[] file)
    {
        Assert.Equal([137, 80, 78, 71, 13, 10, 26, 10], file[..8]);
        var chunks = new List<Chunk>();
        for (var at = 8; at < file.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(at));
            var type = Encoding.ASCII.GetString(file, at + 4, 4);
            var data = file[(at + 8)..(at + 8 + length)];
            var crc = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(at + 8 + length));
            Assert.True(Crc32.Compute(file.AsSpan(at + 4, 4 + length)) == crc, $"CRC of chunk {type}");
            chunks.Add(new Chunk(type, data, crc));
            at += 12 + length;
        }

        Assert.Equal("IHDR", chunks[0].Type);
        Assert.Equal("IEND", chunks[^1].Type);
        Assert.Empty(chunks[^1].Data);
        var header = chunks[0].Data;
        Assert.Equal(13, header.Length);
        var width = BinaryPrimitives.ReadInt32BigEndian(header);
        var height = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4));
        var (bitDepth, colorType) = (header[8], header[9]);
        Assert.Equal(8, bitDepth);
        Assert.Equal([0, 0, 0], header[10..13]);
        var channels = colorType switch
        {
            2 => 3,
            6 => 4,
            _ => throw new InvalidOperationException($"colour type {colorType}"),
        };

        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(new MemoryStream([.. chunks.Where(chunk => chunk.Type == "IDAT").SelectMany(chunk => chunk.Data)]), CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        var raw = inflated.ToArray();
        var stride = width * channels;
        Assert.Equal(height * (1 + stride), raw.Length);
        var filters = new List<int>();
        var pixels = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (1 + stride)];
            filters.Add(filter);
            for (var i = 0; i < stride; i++)
            {
                var left = i >= channels ? pixels[y * stride + i - channels] : 0;
                var up = y > 0 ? pixels[(y - 1) * stride + i] : 0;
                var upLeft = y > 0 && i >= channels ? pixels[(y - 1) * stride + i - channels] : 0;
                var predicted = filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidOperationException($"filter {filter}"),
                };
                pixels[y * stride + i] = (byte)(raw[y * (1 + stride) + 1 + i] + predicted);
            }
        }

        var bgra = new byte[width * height * 4];
        for (var p = 0; p < width * height; p++)
        {
            bgra[p * 4] = pixels[p * channels + 2];
            bgra[p * 4 + 1] = pixels[p * channels + 1];
            bgra[p * 4 + 2] = pixels[p * channels];
            bgra[p * 4 + 3] = channels == 4 ? pixels[p * channels + 3] : (byte)255;
        }

        return new Png(chunks, bitDepth, colorType, filters, new Picture(width, height, bgra));
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
