using Broker.Endpoint.Sessions;
using Microsoft.Extensions.Time.Testing;

namespace Broker.Endpoint.Tests.Sessions;

/// <summary>The sessions of one connection: a session started again numbers on; a long-stopped one is forgotten.</summary>
public sealed class StreamingSessionHandlerTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 8, 9, 0, 0, TimeSpan.Zero));
    private readonly ManualHub hub = new();
    private readonly StreamingSessionHandler handler;

    public StreamingSessionHandlerTests() => handler = new(new FakeFrameSource(), fps: 10, time, new LineWriter(), new LineWriter());

    /// <summary>Starts the session's upload, reads its first frame, then loses the connection under it.</summary>
    private async Task<long> FirstSeqThenDisconnectedAsync(Guid sessionId)
    {
        using var connection = new CancellationTokenSource();
        await handler.StartAsync(sessionId, "attended", hub, connection.Token);
        var call = await hub.NextUploadAsync();
        await using var frames = call.Frames.GetAsyncEnumerator(TestContext.Current.CancellationToken);
        Assert.True(await frames.MoveNextAsync());
        var first = frames.Current.Seq;

        await connection.CancelAsync();
        call.Call.SetException(new TaskCanceledException("Invocation canceled due to the underlying connection being closed."));
        await Eventually.HoldsAsync(() => handler.ResumesAt(sessionId) == first + 1, $"session {sessionId} is kept to number on from {first + 1}");
        return first;
    }

    [Fact]
    public async Task A_session_started_again_numbers_on_and_one_stopped_a_day_ago_starts_afresh()
    {
        var attended = Guid.NewGuid();
        Assert.Equal(1, await FirstSeqThenDisconnectedAsync(attended));
        Assert.Equal(2, await FirstSeqThenDisconnectedAsync(attended));

        // A session the broker ended while this computer was away never hears of it: after a day, a later stop forgets it.
        time.Advance(TimeSpan.FromHours(25));
        var other = Guid.NewGuid();
        await FirstSeqThenDisconnectedAsync(other);
        Assert.Equal((null, 2L), (handler.ResumesAt(attended), handler.ResumesAt(other)));
        Assert.Equal(1, await FirstSeqThenDisconnectedAsync(attended));

        // Ending a session forgets it at once.
        await handler.EndAsync(other, "The agent ended the session.", TestContext.Current.CancellationToken);
        Assert.Null(handler.ResumesAt(other));
    }
}
