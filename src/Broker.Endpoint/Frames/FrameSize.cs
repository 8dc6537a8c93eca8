using System.Globalization;

namespace Broker.Endpoint.Frames;

/// <summary>The size of the frames a session sends, in pixels; written and parsed as <c>WIDTHxHEIGHT</c> (e.g. <c>640x360</c>).</summary>
internal readonly record struct FrameSize(int Width, int Height)
{
    public static readonly FrameSize Default = new(640, 360);

    /// <summary>The smallest side that still holds a line of the test pattern's text.</summary>
    public const int MinSide = 16;

    /// <summary>8K UHD: beyond any screen an agent supports.</summary>
    public static readonly FrameSize Max = new(7680, 4320);

    /// <summary>The bytes of one uncompressed (<c>raw-bgra</c>) frame of this size.</summary>
    public long RawBytes => (long)Width * Height * 4;

    public static bool TryParse(string text, out FrameSize size)
    {
        size = default;
        var parts = text.Trim().Split('x', 'X');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var width)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var height)
            || width < MinSide || height < MinSide || width > Max.Width || height > Max.Height)
        {
            return false;
        }

        size = new FrameSize(width, height);
        return true;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Width}x{Height}");
}
