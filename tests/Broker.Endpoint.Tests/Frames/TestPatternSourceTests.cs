using Broker.Contracts.Hubs;
using Broker.Endpoint.Frames;

namespace Broker.Endpoint.Tests.Frames;

public sealed class TestPatternSourceTests
{
    private static readonly DateTimeOffset CapturedAt = new(2026, 11, 25, 9, 41, 7, 123, TimeSpan.Zero);
    private static readonly Guid SessionId = Guid.NewGuid();

    [Theory]
    [InlineData(640, 360, 1)]
    [InlineData(640, 360, 9876543210)]
    [InlineData(1280, 720, 42)]
    [InlineData(200, 110, 7)]
    public async Task Each_frame_shows_its_sequence_number_and_capture_time_in_legible_digits(int width, int height, long seq)
    {
        var source = new TestPatternSource(new FrameSize(width, height), FrameCodecs.RawBgra);

        var frame = await source.CaptureAsync(SessionId, seq, CapturedAt, TestContext.Current.CancellationToken);

        var picture = Picture.Of(frame);
        Assert.Equal(seq, PatternReader.Seq(picture));
        Assert.Equal("09:41:07.123 UTC", PatternReader.Line(picture, TestPatternLayout.TimeLine));
        Assert.Equal("KEY -", PatternReader.Line(picture, TestPatternLayout.KeyLine));
    }

    [Fact]
    public async Task A_frame_carries_its_session_seq_capture_time_size_and_codec()
    {
        var source = new TestPatternSource(new FrameSize(320, 180), FrameCodecs.RawBgra);

        var frame = await source.CaptureAsync(SessionId, 5, CapturedAt, TestContext.Current.CancellationToken);

        Assert.Equal(
            (SessionId, 5L, CapturedAt.ToUnixTimeMilliseconds(), 320, 180, FrameCodecs.RawBgra, true),
            (frame.SessionId, frame.Seq, frame.CapturedAtUnixMs, frame.Width, frame.Height, frame.Codec, frame.KeyFrame));
        Assert.Equal(320 * 180 * 4, frame.Data.Length);
    }

    [Fact]
    public async Task A_PNG_frame_decodes_to_the_same_picture_as_the_raw_one()
    {
        var size = new FrameSize(640, 360);

        var png = await new TestPatternSource(size, FrameCodecs.Png).CaptureAsync(SessionId, 77, CapturedAt, TestContext.Current.CancellationToken);
        var raw = await new TestPatternSource(size, FrameCodecs.RawBgra).CaptureAsync(SessionId, 77, CapturedAt, TestContext.Current.CancellationToken);

        Assert.Equal(FrameCodecs.Png, png.Codec);
        Assert.Equal(raw.Data, Picture.Of(png).Bgra);
        Assert.True(png.Data.Length < raw.Data.Length / 10, $"{png.Data.Length} bytes of PNG for {raw.Data.Length} raw");
    }

    [Fact]
    public async Task Something_moves_from_one_moment_to_the_next()
    {
        var source = new TestPatternSource(new FrameSize(640, 360), FrameCodecs.RawBgra);

        var now = Picture.Of(source.Render(1, CapturedAt));
        var later = Picture.Of(source.Render(1, CapturedAt.AddSeconds(1)));

        Assert.NotEqual(SweepColumns(now), SweepColumns(later));
    }

    [Fact]
    public async Task Pointer_events_put_the_pointer_where_they_say_and_a_pressed_button_shows()
    {
        var source = new TestPatternSource(new FrameSize(640, 360), FrameCodecs.RawBgra);
        var cancel = TestContext.Current.CancellationToken;

        await source.ApplyAsync(new InputEvent("pointer-move", X: 100.4, Y: 250.6), cancel);
        var moved = Picture.Of(source.Render(2, CapturedAt));
        await source.ApplyAsync(new InputEvent("pointer-down", X: 500, Y: 300, Button: 0), cancel);
        var pressed = Picture.Of(source.Render(3, CapturedAt));
        await source.ApplyAsync(new InputEvent("pointer-up", X: 500, Y: 300, Button: 0), cancel);
        var released = Picture.Of(source.Render(4, CapturedAt));

        Assert.Equal(TestPatternLayout.Pointer, moved[100, 251]);
        Assert.NotEqual(TestPatternLayout.Pointer, moved[320, 180]);
        Assert.Equal(TestPatternLayout.PointerPressed, pressed[500, 300]);
        Assert.NotEqual(TestPatternLayout.Pointer, pressed[100, 251]);
        Assert.Equal(TestPatternLayout.Pointer, released[500, 300]);
    }

    [Fact]
    public async Task A_pointer_outside_the_frame_stays_at_its_edge_and_events_without_a_position_leave_it_where_it_is()
    {
        var source = new TestPatternSource(new FrameSize(640, 360), FrameCodecs.RawBgra);
        var cancel = TestContext.Current.CancellationToken;

        await source.ApplyAsync(new InputEvent("pointer-move", X: 5000, Y: -20), cancel);
        await source.ApplyAsync(new InputEvent("pointer-move", X: double.NaN, Y: 10), cancel);
        await source.ApplyAsync(new InputEvent("pointer-down"), cancel);

        Assert.Equal(TestPatternLayout.PointerPressed, Picture.Of(source.Render(1, CapturedAt))[639, 0]);
    }

    [Fact]
    public async Task Keys_and_typed_text_show_in_the_picture()
    {
        var source = new TestPatternSource(new FrameSize(640, 360), FrameCodecs.RawBgra);
        var cancel = TestContext.Current.CancellationToken;

        await source.ApplyAsync(new InputEvent("text", Text: "Hello, worlds"), cancel);
        await source.ApplyAsync(new InputEvent("key-down", Key: "Backspace"), cancel);
        var typed = Picture.Of(source.Render(1, CapturedAt));
        await source.ApplyAsync(new InputEvent("key-down", Key: "Enter"), cancel);
        var entered = Picture.Of(source.Render(2, CapturedAt));

        Assert.Equal("> HELLO, WORLD", PatternReader.Line(typed, TestPatternLayout.TextLine));
        Assert.Equal("KEY BACKSPACE", PatternReader.Line(typed, TestPatternLayout.KeyLine));
        Assert.Equal(">", PatternReader.Line(entered, TestPatternLayout.TextLine));
        Assert.Equal("KEY ENTER", PatternReader.Line(entered, TestPatternLayout.KeyLine));
    }

    [Fact]
    public async Task Long_typed_text_shows_its_end()
    {
        var source = new TestPatternSource(new FrameSize(640, 360), FrameCodecs.RawBgra);

        await source.ApplyAsync(new InputEvent("text", Text: new string('A', 300) + "THE END"), TestContext.Current.CancellationToken);

        Assert.EndsWith("AAATHE END", PatternReader.Line(Picture.Of(source.Render(1, CapturedAt)), TestPatternLayout.TextLine));
    }

    [Theory]
    [InlineData(16, 16)]
    [InlineData(7680, 16)]
    [InlineData(17, 4320)]
    public async Task The_smallest_and_oddest_sizes_render_without_failing(int width, int height)
    {
        var source = new TestPatternSource(new FrameSize(width, height), FrameCodecs.Png);

        var frame = await source.CaptureAsync(SessionId, 123456, CapturedAt, TestContext.Current.CancellationToken);

        Assert.Equal((width, height), (Picture.Of(frame).Width, Picture.Of(frame).Height));
    }

    [Fact]
    public async Task Sessions_capture_the_same_source_at_once_each_with_its_own_numbers()
    {
        var source = new TestPatternSource(new FrameSize(320, 180), FrameCodecs.Png);

        var frames = await Task.WhenAll(Enumerable.Range(1, 16).Select(seq =>
            Task.Run(async () => await source.CaptureAsync(Guid.NewGuid(), seq, CapturedAt, TestContext.Current.CancellationToken))));

        Assert.Equal(Enumerable.Range(1, 16).Select(seq => (long)seq), frames.Select(frame => PatternReader.Seq(Picture.Of(frame))));
    }

    /// <summary>Which columns of a row below the text panel show the sweeping bar.</summary>
    private static int[] SweepColumns(Picture picture) =>
        [.. Enumerable.Range(0, picture.Width).Where(x => picture[x, picture.Height - 1] == TestPatternLayout.Sweep)];
}
