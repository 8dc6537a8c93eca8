using Broker.Endpoint.Frames;

namespace Broker.Endpoint.Tests.Frames;

public sealed class PixelFontTests
{
    [Fact]
    public void No_two_glyphs_look_alike_so_the_text_can_be_read_back()
    {
        var looks = PixelFont.Characters.GroupBy(Look).Where(same => same.Count() > 1).Select(same => string.Concat(same));

        Assert.Empty(looks);
    }

    [Fact]
    public void A_one_is_drawn_as_a_one()
    {
        string[] one = ["..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###."];

        Assert.Equal(one, Rows('1'));
    }

    [Fact]
    public void Lower_case_is_drawn_as_upper_case_and_unknown_characters_as_a_question_mark()
    {
        Assert.Equal(Rows('Q'), Rows('q'));
        Assert.Equal(Rows('?'), Rows('€'));
    }

    [Fact]
    public void Text_is_drawn_scaled_where_it_is_asked_and_clipped_at_the_edge()
    {
        var bitmap = new BgraBitmap(20, 20);
        var ink = new PixelColor(255, 255, 255);

        PixelFont.Draw(bitmap, "1", 4, 2, scale: 2, ink);
        PixelFont.Draw(bitmap, "88", 15, 15, scale: 3, ink);

        // The top of the 1 is its third column, 2 pixels wide at scale 2.
        Assert.Equal(ink, bitmap[4 + 2 * 2, 2]);
        Assert.Equal(ink, bitmap[4 + 2 * 2 + 1, 3]);
        Assert.NotEqual(ink, bitmap[4, 2]);
    }

    private static string Look(char c) => string.Join('/', Rows(c));

    private static string[] Rows(char c) =>
        [.. Enumerable.Range(0, PixelFont.GlyphHeight)
            .Select(row => string.Concat(Enumerable.Range(0, PixelFont.GlyphWidth).Select(x => PixelFont.IsInk(c, x, row) ? '#' : '.')))];
}
