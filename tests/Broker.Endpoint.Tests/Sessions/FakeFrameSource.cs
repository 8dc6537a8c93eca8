using System.Collections.Concurrent;
using Broker.Contracts.Hubs;
using Broker.Endpoint.Frames;

namespace Broker.Endpoint.Tests.Sessions;

/// <summary>A frame source that records what it is asked, passing on to <paramref name="inner"/> or making small frames, and fails when told.</summary>
internal sealed class FakeFrameSource(IFrameSource? inner = null) : IFrameSource
{
    public ConcurrentQueue<(Guid SessionId, long Seq, DateTimeOffset CapturedAt)> Captures { get; } = new();

    public ConcurrentQueue<InputEvent> Inputs { get; } = new();

    /// <summary>The failure of capturing frame <c>seq</c>, if any.</summary>
    public Func<long, Exception?> Failure { get; set; } = _ => null;

    /// <summary>How many bytes frame <c>seq</c> carries, when there is no inner source.</summary>
    public Func<long, int> DataBytes { get; set; } = _ => 64;

    public string Description => inner?.Description ?? "fake frames";

    public int CapturesOf(Guid sessionId) => Captures.Count(capture => capture.SessionId == sessionId);

    public async ValueTask<Frame> CaptureAsync(Guid sessionId, long seq, DateTimeOffset capturedAt, CancellationToken cancellationToken)
    {
        Captures.Enqueue((sessionId, seq, capturedAt));
        if (Failure(seq) is { } failure)
        {
            throw failure;
        }

        return inner is not null
            ? await inner.CaptureAsync(sessionId, seq, capturedAt, cancellationToken)
            : new Frame(sessionId, seq, capturedAt.ToUnixTimeMilliseconds(), 4, 4, FrameCodecs.RawBgra, new byte[DataBytes(seq)], KeyFrame: true);
    }

    public ValueTask ApplyAsync(InputEvent input, CancellationToken cancellationToken)
    {
        Inputs.Enqueue(input);
        return inner?.ApplyAsync(input, cancellationToken) ?? ValueTask.CompletedTask;
    }
}
