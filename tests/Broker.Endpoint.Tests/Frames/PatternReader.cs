using System.Text;
using Broker.Endpoint.Frames;

namespace Broker.Endpoint.Tests.Frames;

/// <summary>Reads the test pattern's text lines back from the pixels, glyph by glyph, the way a person reads the frame.</summary>
internal static class PatternReader
{
    /// <summary>The text of <paramref name="line"/>, trailing blanks removed; '¿' for a cell that matches no glyph.</summary>
    public static string Line(Picture picture, int line)
    {
        var layout = new TestPatternLayout(new FrameSize(picture.Width, picture.Height));
        var text = new StringBuilder();
        for (var column = 0; column < layout.Columns; column++)
        {
            var ink = new bool[PixelFont.GlyphHeight, PixelFont.GlyphWidth];
            for (var row = 0; row < PixelFont.GlyphHeight; row++)
            {
                for (var x = 0; x < PixelFont.GlyphWidth; x++)
                {
                    var px = layout.CharLeft(column) + x * layout.Scale + layout.Scale / 2;
                    var py = layout.LineTop(line) + row * layout.Scale + layout.Scale / 2;
                    ink[row, x] = picture[px, py] == TestPatternLayout.Ink;
                }
            }

            text.Append(PixelFont.Characters.Where(c => Matches(c, ink)).DefaultIfEmpty('¿').First());
        }

        return text.ToString().TrimEnd();
    }

    public static long Seq(Picture picture)
    {
        var line = Line(picture, TestPatternLayout.SeqLine);
        Assert.StartsWith("SEQ ", line);
        return long.Parse(line[4..]);
    }

    private static bool Matches(char c, bool[,] ink)
    {
        for (var row = 0; row < PixelFont.GlyphHeight; row++)
        {
            for (var x = 0; x < PixelFont.GlyphWidth; x++)
            {
                if (PixelFont.IsInk(c, x, row) != ink[row, x])
                {
                    return false;
                }
            }
        }

        return true;
    }
}
