using System.Globalization;
using System.Text;
using Broker.Contracts.Hubs;

namespace Broker.Endpoint.Frames;

/// <summary>
/// A picture to send until this endpoint captures the real screen. Each frame shows its sequence number and capture
/// time in legible digits (so a viewer, or a test, sees which frame it got and how old it is), a bar sweeping across
/// every four seconds (so motion and dropped frames show), and what the viewer's input did: a pointer where the last
/// pointer event put it (green while a button is down), the last key pressed, and the text typed so far.
/// </summary>
internal sealed class TestPatternSource(FrameSize size, string codec) : IFrameSource
{
    private const string PointerMove = "pointer-move";
    private const string PointerDown = "pointer-down";
    private const string PointerUp = "pointer-up";
    private const string Wheel = "wheel";
    private const string KeyDown = "key-down";
    private const string Text = "text";
    private const int KeptText = 256;
    private static readonly TimeSpan SweepPeriod = TimeSpan.FromSeconds(4);

    private readonly Lock gate = new();
    private readonly TestPatternLayout layout = new(size);
    private readonly StringBuilder typed = new();
    private (int X, int Y) pointer = (size.Width / 2, size.Height / 2);
    private bool pressed;
    private string? lastKey;

    public FrameSize Size => size;

    public string Codec => codec;

    public string Description => $"a {size} test pattern as {codec}";

    public ValueTask<Frame> CaptureAsync(Guid sessionId, long seq, DateTimeOffset capturedAt, CancellationToken cancellationToken)
    {
        // The frame carries whole milliseconds; the picture shows the same instant.
        var at = capturedAt.ToUnixTimeMilliseconds();
        var bitmap = Render(seq, DateTimeOffset.FromUnixTimeMilliseconds(at));
        return ValueTask.FromResult(new Frame(sessionId, seq, at, size.Width, size.Height, codec, FrameEncoder.Encode(bitmap, codec), KeyFrame: true));
    }

    public ValueTask ApplyAsync(InputEvent input, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (input.Kind is PointerMove or PointerDown or PointerUp or Wheel && input.X is { } x && input.Y is { } y
                && double.IsFinite(x) && double.IsFinite(y))
            {
                pointer = ((int)Math.Clamp(Math.Round(x), 0, size.Width - 1), (int)Math.Clamp(Math.Round(y), 0, size.Height - 1));
            }

            switch (input.Kind)
            {
                case PointerDown:
                    pressed = true;
                    break;
                case PointerUp:
                    pressed = false;
                    break;
                case KeyDown when input.Key is { Length: > 0 } key:
                    lastKey = key;
                    Edit(key);
                    break;
                case Text when input.Text is { Length: > 0 } text:
                    typed.Append(text);
                    typed.Remove(0, Math.Max(0, typed.Length - KeptText));
                    break;
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The picture at <paramref name="capturedAt"/>, before encoding.</summary>
    public BgraBitmap Render(long seq, DateTimeOffset capturedAt)
    {
        (int X, int Y) at;
        bool down;
        string key, text;
        lock (gate)
        {
            (at, down, key, text) = (pointer, pressed, lastKey ?? "-", typed.ToString());
        }

        var bitmap = new BgraBitmap(size.Width, size.Height);
        DrawBackground(bitmap);
        DrawSweep(bitmap, capturedAt);
        bitmap.Fill(0, 0, layout.PanelWidth, layout.PanelHeight, TestPatternLayout.Panel);
        DrawLine(bitmap, TestPatternLayout.SeqLine, string.Create(CultureInfo.InvariantCulture, $"SEQ {seq}"));
        DrawLine(bitmap, TestPatternLayout.TimeLine, capturedAt.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture) + " UTC");
        DrawLine(bitmap, TestPatternLayout.KeyLine, $"KEY {key}");
        DrawLine(bitmap, TestPatternLayout.TextLine, "> " + Tail(text, layout.Columns - 2));
        DrawPointer(bitmap, at, down);
        return bitmap;
    }

    private void Edit(string key)
    {
        if (key == "Backspace" && typed.Length > 0)
        {
            typed.Length--;
        }
        else if (key == "Enter")
        {
            typed.Clear();
        }
    }

    /// <summary>A vertical gradient: one colour per row, so it costs a fill per row and compresses to almost nothing.</summary>
    private static void DrawBackground(BgraBitmap bitmap)
    {
        for (var y = 0; y < bitmap.Height; y++)
        {
            var shade = y * 64 / bitmap.Height;
            bitmap.Fill(0, y, bitmap.Width, 1, new PixelColor((byte)(24 + shade), 28, (byte)(56 + shade)));
        }
    }

    private static void DrawSweep(BgraBitmap bitmap, DateTimeOffset capturedAt)
    {
        var width = Math.Max(2, bitmap.Width / 20);
        var phase = capturedAt.ToUnixTimeMilliseconds() % (long)SweepPeriod.TotalMilliseconds / SweepPeriod.TotalMilliseconds;
        var left = (int)(phase * (bitmap.Width + width)) - width;
        bitmap.Fill(left, 0, width, bitmap.Height, TestPatternLayout.Sweep);
    }

    private void DrawLine(BgraBitmap bitmap, int line, string text) =>
        PixelFont.Draw(bitmap, text.Length > layout.Columns ? text[..layout.Columns] : text,
            layout.CharLeft(0), layout.LineTop(line), layout.Scale, TestPatternLayout.Ink);

    private void DrawPointer(BgraBitmap bitmap, (int X, int Y) at, bool down)
    {
        var arm = layout.CrosshairArm;
        var thickness = Math.Max(1, layout.Scale / 2);
        bitmap.Fill(at.X - arm, at.Y - thickness / 2, 2 * arm + 1, thickness, TestPatternLayout.Crosshair);
        bitmap.Fill(at.X - thickness / 2, at.Y - arm, thickness, 2 * arm + 1, TestPatternLayout.Crosshair);
        var radius = layout.PointerRadius;
        bitmap.Fill(at.X - radius, at.Y - radius, 2 * radius + 1, 2 * radius + 1, down ? TestPatternLayout.PointerPressed : TestPatternLayout.Pointer);
    }

    private static string Tail(string text, int length) => length <= 0 ? "" : text.Length <= length ? text : text[^length..];
}
