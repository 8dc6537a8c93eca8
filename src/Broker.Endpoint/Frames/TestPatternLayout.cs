namespace Broker.Endpoint.Frames;

/// <summary>
/// Where the test pattern draws what, from the frame size alone: a text panel in the top left corner with one line each
/// for the sequence number, the capture time, the last key and the typed text, in <see cref="PixelFont"/> scaled to the
/// frame. The tests read the lines back from the pixels with it.
/// </summary>
internal sealed class TestPatternLayout(FrameSize size)
{
    public const int SeqLine = 0;
    public const int TimeLine = 1;
    public const int KeyLine = 2;
    public const int TextLine = 3;
    private const int LineCount = 4;
    private const int PanelColumns = 24;

    public static readonly PixelColor Ink = new(240, 240, 240);
    public static readonly PixelColor Panel = new(12, 12, 12);
    public static readonly PixelColor Pointer = new(255, 96, 0);
    public static readonly PixelColor PointerPressed = new(0, 200, 80);
    public static readonly PixelColor Crosshair = new(255, 255, 255);
    public static readonly PixelColor Sweep = new(0, 160, 230);

    /// <summary>Font pixels to frame pixels: 3 at 640x360, 9 at 1920x1080, at least 1.</summary>
    public int Scale { get; } = Math.Max(1, Math.Min(size.Width / 200, size.Height / 110));

    public int Margin => 2 * Scale;

    public int LineHeight => (PixelFont.GlyphHeight + 2) * Scale;

    /// <summary>How many characters a line holds.</summary>
    public int Columns => Math.Min(PanelColumns, PixelFont.Fitting(size.Width - 2 * Margin, Scale));

    public int PanelWidth => Math.Min(size.Width, 2 * Margin + PanelColumns * PixelFont.Advance * Scale);

    public int PanelHeight => Math.Min(size.Height, 2 * Margin + LineCount * LineHeight);

    public int LineTop(int line) => Margin + line * LineHeight;

    public int CharLeft(int column) => Margin + column * PixelFont.Advance * Scale;

    /// <summary>Half the side of the square drawn at the pointer's position.</summary>
    public int PointerRadius => Scale;

    /// <summary>How far the crosshair around the pointer reaches.</summary>
    public int CrosshairArm => 4 * Scale;
}
