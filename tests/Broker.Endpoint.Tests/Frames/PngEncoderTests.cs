using System.Buffers.Binary;
using Broker.Endpoint.Frames;

namespace Broker.Endpoint.Tests.Frames;

public sealed class PngEncoderTests
{
    [Fact]
    public void A_PNG_has_the_signature_an_RGB_header_checked_chunks_and_inflates_back_to_the_same_pixels()
    {
        var bitmap = new BgraBitmap(37, 23);
        var random = new Random(42);
        random.NextBytes(bitmap.Pixels);
        for (var alpha = 3; alpha < bitmap.Pixels.Length; alpha += 4)
        {
            bitmap.Pixels[alpha] = 255;
        }

        var png = PngReader.Read(PngEncoder.Encode(bitmap));

        Assert.Equal(["IHDR", "IDAT", "IEND"], png.Chunks.Select(chunk => chunk.Type));
        var header = png.Chunks[0].Data;
        Assert.Equal((37, 23), (BinaryPrimitives.ReadInt32BigEndian(header), BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4))));
        Assert.Equal((8, 2), (png.BitDepth, png.ColorType));
        Assert.Equal(0xAE426082u, png.Chunks[^1].Crc);
        Assert.Equal(bitmap.Pixels, png.Picture.Bgra);
    }

    [Fact]
    public void Rows_are_filtered_so_that_a_flat_picture_compresses_to_almost_nothing()
    {
        var bitmap = new BgraBitmap(640, 360);
        bitmap.Fill(new PixelColor(10, 200, 30));

        var encoded = PngEncoder.Encode(bitmap);
        var png = PngReader.Read(encoded);

        Assert.All(png.Filters, filter => Assert.Equal(1, filter));
        Assert.Equal(bitmap.Pixels, png.Picture.Bgra);
        Assert.True(encoded.Length < 4096, $"{encoded.Length} bytes for a flat 640x360 picture");
    }

    [Fact]
    public void A_one_pixel_picture_is_a_valid_PNG()
    {
        var bitmap = new BgraBitmap(1, 1);
        bitmap.Fill(new PixelColor(1, 2, 3));

        var png = PngReader.Read(PngEncoder.Encode(bitmap));

        Assert.Equal(new PixelColor(1, 2, 3), png.Picture[0, 0]);
    }
}
