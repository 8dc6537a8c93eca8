namespace Broker.Endpoint.Frames;

/// <summary>How sessions send frames: how many a second, of what size, in which codec (<c>--fps</c>, <c>--frame-size</c>, <c>--codec</c>).</summary>
internal sealed record FrameSettings(int Fps, FrameSize Size, string Codec)
{
    public const int DefaultFps = 10;
    public const int MaxFps = 60;
}
