using System.Collections.Frozen;

namespace Broker.Endpoint.Frames;

/// <summary>
/// A 5×7 bitmap font of digits, capital letters and common punctuation, drawn scaled up by whole pixels so it stays
/// sharp and legible in any frame size, and can be read back from the pixels (which the tests do). Lower case is drawn
/// as upper case; anything else as <c>?</c>.
/// </summary>
internal static class PixelFont
{
    public const int GlyphWidth = 5;
    public const int GlyphHeight = 7;

    /// <summary>From one character's left edge to the next one's, in font pixels: the glyph and one column of space.</summary>
    public const int Advance = GlyphWidth + 1;

    // Each glyph is its seven rows, top first, '#' for ink.
    private static readonly FrozenDictionary<char, bool[,]> Glyphs = new Dictionary<char, string>
    {
        ['0'] = ".###. #...# #..## #.#.# ##..# #...# .###.",
        ['1'] = "..#.. .##.. ..#.. ..#.. ..#.. ..#.. .###.",
        ['2'] = ".###. #...# ....# ...#. ..#.. .#... #####",
        ['3'] = "##### ...#. ..#.. ...#. ....# #...# .###.",
        ['4'] = "...#. ..##. .#.#. #..#. ##### ...#. ...#.",
        ['5'] = "##### #.... ####. ....# ....# #...# .###.",
        ['6'] = "..##. .#... #.... ####. #...# #...# .###.",
        ['7'] = "##### ....# ...#. ..#.. .#... .#... .#...",
        ['8'] = ".###. #...# #...# .###. #...# #...# .###.",
        ['9'] = ".###. #...# #...# .#### ....# ...#. .##..",
        ['A'] = ".###. #...# #...# ##### #...# #...# #...#",
        ['B'] = "####. #...# #...# ####. #...# #...# ####.",
        ['C'] = ".###. #...# #.... #.... #.... #...# .###.",
        ['D'] = "###.. #..#. #...# #...# #...# #..#. ###..",
        ['E'] = "##### #.... #.... ####. #.... #.... #####",
        ['F'] = "##### #.... #.... ####. #.... #.... #....",
        ['G'] = ".###. #...# #.... #.### #...# #...# .####",
        ['H'] = "#...# #...# #...# ##### #...# #...# #...#",
        ['I'] = ".###. ..#.. ..#.. ..#.. ..#.. ..#.. .###.",
        ['J'] = "..### ...#. ...#. ...#. ...#. #..#. .##..",
        ['K'] = "#...# #..#. #.#.. ##... #.#.. #..#. #...#",
        ['L'] = "#.... #.... #.... #.... #.... #.... #####",
        ['M'] = "#...# ##.## #.#.# #.#.# #...# #...# #...#",
        ['N'] = "#...# #...# ##..# #.#.# #..## #...# #...#",
        ['O'] = ".###. #...# #...# #...# #...# #...# .###.",
        ['P'] = "####. #...# #...# ####. #.... #.... #....",
        ['Q'] = ".###. #...# #...# #...# #.#.# #..#. .##.#",
        ['R'] = "####. #...# #...# ####. #.#.. #..#. #...#",
        ['S'] = ".#### #.... #.... .###. ....# ....# ####.",
        ['T'] = "##### ..#.. ..#.. ..#.. ..#.. ..#.. ..#..",
        ['U'] = "#...# #...# #...# #...# #...# #...# .###.",
        ['V'] = "#...# #...# #...# #...# #...# .#.#. ..#..",
        ['W'] = "#...# #...# #...# #.#.# #.#.# #.#.# .#.#.",
        ['X'] = "#...# #...# .#.#. ..#.. .#.#. #...# #...#",
        ['Y'] = "#...# #...# .#.#. ..#.. ..#.. ..#.. ..#..",
        ['Z'] = "##### ....# ...#. ..#.. .#... #.... #####",
        [' '] = "..... ..... ..... ..... ..... ..... .....",
        [':'] = "..... .##.. .##.. ..... .##.. .##.. .....",
        ['.'] = "..... ..... ..... ..... ..... .##.. .##..",
        [','] = "..... ..... ..... ..... .##.. ..#.. .#...",
        ['-'] = "..... ..... ..... .###. ..... ..... .....",
        ['_'] = "..... ..... ..... ..... ..... ..... #####",
        ['+'] = "..... ..#.. ..#.. ##### ..#.. ..#.. .....",
        ['='] = "..... ..... ##### ..... ##### ..... .....",
        ['/'] = "..... ....# ...#. ..#.. .#... #.... .....",
        ['>'] = ".#... ..#.. ...#. ....# ...#. ..#.. .#...",
        ['<'] = "...#. ..#.. .#... #.... .#... ..#.. ...#.",
        ['('] = "...#. ..#.. .#... .#... .#... ..#.. ...#.",
        [')'] = ".#... ..#.. ...#. ...#. ...#. ..#.. .#...",
        ['!'] = "..#.. ..#.. ..#.. ..#.. ..#.. ..... ..#..",
        ['?'] = ".###. #...# ....# ...#. ..#.. ..... ..#..",
        ['#'] = ".#.#. .#.#. ##### .#.#. ##### .#.#. .#.#.",
        ['@'] = ".###. #...# #.### #.#.# #.### #.... .####",
        ['\''] = "..#.. ..#.. .#... ..... ..... ..... .....",
    }.ToFrozenDictionary(glyph => glyph.Key, glyph => Parse(glyph.Value));

    /// <summary>The characters the font draws as themselves.</summary>
    public static IEnumerable<char> Characters => Glyphs.Keys;

    /// <summary>The character that is drawn for <paramref name="c"/>.</summary>
    public static char Drawn(char c) =>
        Glyphs.ContainsKey(char.ToUpperInvariant(c)) ? char.ToUpperInvariant(c) : '?';

    /// <summary>Whether the glyph of <paramref name="c"/> has ink at <paramref name="column"/>, <paramref name="row"/> (font pixels).</summary>
    public static bool IsInk(char c, int column, int row) => Glyphs[Drawn(c)][row, column];

    /// <summary>How many characters fit in <paramref name="width"/> pixels at <paramref name="scale"/>.</summary>
    public static int Fitting(int width, int scale) => Math.Max(0, (width + scale) / (Advance * scale));

    /// <summary>Draws <paramref name="text"/> with its top left corner at <paramref name="x"/>, <paramref name="y"/>, each font pixel <paramref name="scale"/> pixels square.</summary>
    public static void Draw(BgraBitmap bitmap, string text, int x, int y, int scale, PixelColor ink)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var glyph = Glyphs[Drawn(text[i])];
            var left = x + i * Advance * scale;
            for (var row = 0; row < GlyphHeight; row++)
            {
                for (var column = 0; column < GlyphWidth; column++)
                {
                    if (glyph[row, column])
                    {
                        bitmap.Fill(left + column * scale, y + row * scale, scale, scale, ink);
                    }
                }
            }
        }
    }

    private static bool[,] Parse(string rows)
    {
        var lines = rows.Split(' ');
        if (lines.Length != GlyphHeight || lines.Any(line => line.Length != GlyphWidth))
        {
            throw new InvalidOperationException($"A glyph needs {GlyphHeight} rows of {GlyphWidth}: '{rows}'");
        }

        var glyph = new bool[GlyphHeight, GlyphWidth];
        for (var row = 0; row < GlyphHeight; row++)
        {
            for (var column = 0; column < GlyphWidth; column++)
            {
                glyph[row, column] = lines[row][column] == '#';
            }
        }

        return glyph;
    }
}
