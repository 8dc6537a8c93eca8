using Broker.Contracts.Hubs;

namespace Broker.Grains.Tests;

/// <summary>Frames as an endpoint would upload them, with random data.</summary>
public static class Frames
{
    private static readonly DateTimeOffset Epoch = DateTimeOffset.Parse("2026-01-01T00:00:00Z");

    public static Frame Make(Guid sessionId, long seq, int bytes = 64, string codec = FrameCodecs.Png, bool keyFrame = false) =>
        new(sessionId, seq, Epoch.ToUnixTimeMilliseconds() + seq * 40, 1920, 1080, codec, RandomData(bytes), keyFrame);

    private static byte[] RandomData(int bytes)
    {
        var data = new byte[bytes];
        Random.Shared.NextBytes(data);
        return data;
    }
}
