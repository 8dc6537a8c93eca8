using Broker.Contracts.Hubs;
using Broker.Endpoint.Frames;

namespace Broker.Endpoint.Tests.Frames;

/// <summary>A decoded picture as the tests look at it: BGRA pixels, row by row, whatever codec carried it.</summary>
internal sealed record Picture(int Width, int Height, byte[] Bgra)
{
    public PixelColor this[int x, int y]
    {
        get
        {
            var at = (y * Width + x) * 4;
            return new PixelColor(Bgra[at + 2], Bgra[at + 1], Bgra[at]);
        }
    }

    public static Picture Of(BgraBitmap bitmap) => new(bitmap.Width, bitmap.Height, bitmap.Pixels);

    /// <summary>The picture a frame carries, decoded here (PNG with the tests' own reader), checked against the frame's size.</summary>
    public static Picture Of(Frame frame)
    {
        var picture = frame.Codec switch
        {
            FrameCodecs.RawBgra => new Picture(frame.Width, frame.Height, frame.Data),
            FrameCodecs.Png => PngReader.Read(frame.Data).Picture,
            _ => throw new InvalidOperationException($"No decoder for '{frame.Codec}'"),
        };
        Assert.Equal((frame.Width, frame.Height), (picture.Width, picture.Height));
        Assert.Equal(frame.Width * frame.Height * 4, picture.Bgra.Length);
        return picture;
    }
}
