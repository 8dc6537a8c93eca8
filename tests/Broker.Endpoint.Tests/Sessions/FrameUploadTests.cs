using Broker.Contracts.Hubs;
using Broker.Endpoint.Sessions;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Time.Testing;

namespace Broker.Endpoint.Tests.Sessions;

/// <summary>One session's upload, with the stream pulled by the test and time in its hands.</summary>
public sealed class FrameUploadTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    private readonly Guid sessionId = Guid.NewGuid();
    private readonly FakeTimeProvider time = new(Start);
    private readonly FakeFrameSource source = new();
    private readonly ManualHub hub = new();
    private readonly LineWriter status = new();
    private readonly LineWriter errors = new();

    private FrameUpload NewUpload() => new(sessionId, hub, source, Interval, time, status, errors);

    [Fact]
    public async Task Frames_are_captured_only_when_the_upload_can_send_them_and_missed_ticks_are_skipped_not_queued()
    {
        var upload = NewUpload();
        var run = upload.RunAsync(CancellationToken.None);
        await using var frames = (await hub.NextUploadAsync()).Frames.GetAsyncEnumerator(TestContext.Current.CancellationToken);

        Assert.True(await frames.MoveNextAsync());
        var first = frames.Current;

        // Sending the first frame took a second: ten ticks passed meanwhile.
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Single(source.Captures);
        Assert.True(await frames.MoveNextAsync());
        var second = frames.Current;

        var third = frames.MoveNextAsync();
        Assert.False(third.IsCompleted, "the next frame waits for the next tick");
        time.Advance(Interval);
        Assert.True(await third);

        Assert.Equal((sessionId, 1L, Start.ToUnixTimeMilliseconds()), (first.SessionId, first.Seq, first.CapturedAtUnixMs));
        Assert.Equal((2L, (Start + TimeSpan.FromSeconds(1)).ToUnixTimeMilliseconds()), (second.Seq, second.CapturedAtUnixMs));
        Assert.Equal((3L, (Start + TimeSpan.FromSeconds(1) + Interval).ToUnixTimeMilliseconds()), (frames.Current.Seq, frames.Current.CapturedAtUnixMs));
        Assert.Equal([1L, 2L, 3L], source.Captures.Select(capture => capture.Seq));
        Assert.False(run.IsCompleted);
    }

    [Fact]
    public async Task Ending_the_session_ends_the_stream_cleanly_while_it_waits_for_a_tick_and_reports_nothing()
    {
        var upload = NewUpload();
        var run = upload.RunAsync(CancellationToken.None);
        var call = await hub.NextUploadAsync();
        await using var frames = call.Frames.GetAsyncEnumerator(TestContext.Current.CancellationToken);
        Assert.True(await frames.MoveNextAsync());
        var waiting = frames.MoveNextAsync();

        upload.End();

        Assert.False(await waiting);
        Assert.False(upload.Running);
        call.Call.SetResult();
        await run;
        Assert.Empty(status.Text + errors.Text);
        Assert.Empty(hub.Ended);
    }

    [Fact]
    public async Task A_refusal_from_the_broker_is_reported_once_and_ends_the_stream()
    {
        var upload = NewUpload();
        var run = upload.RunAsync(CancellationToken.None);
        var call = await hub.NextUploadAsync();
        await using var frames = call.Frames.GetAsyncEnumerator(TestContext.Current.CancellationToken);
        Assert.True(await frames.MoveNextAsync());

        call.Call.SetException(new HubException($"Session {sessionId} has ended."));
        await run;

        Assert.Equal($"error: the broker refused the frames of session {sessionId}: Session {sessionId} has ended.{Environment.NewLine}", errors.Text);
        Assert.Empty(status.Text);
        Assert.False(upload.Running);
        Assert.False(await frames.MoveNextAsync());
    }

    [Fact]
    public async Task A_lost_connection_ends_the_upload_with_a_status_line_not_an_error()
    {
        using var connection = new CancellationTokenSource();
        var upload = NewUpload();
        var run = upload.RunAsync(connection.Token);
        var call = await hub.NextUploadAsync();
        await using var frames = call.Frames.GetAsyncEnumerator(TestContext.Current.CancellationToken);
        Assert.True(await frames.MoveNextAsync());

        await connection.CancelAsync();
        call.Call.SetException(new TaskCanceledException("Invocation canceled due to the underlying connection being closed."));
        await run;

        Assert.Equal($"Session {sessionId} stopped: disconnected from the broker{Environment.NewLine}", status.Text);
        Assert.Empty(errors.Text);
        Assert.False(await frames.MoveNextAsync());
    }

    [Fact]
    public async Task A_connection_closed_with_an_error_is_a_lost_connection_not_a_refused_upload()
    {
        // SignalR cancels the stream first, then fails the call with the close error, before anyone hears of the loss.
        using var streaming = new CancellationTokenSource();
        var upload = NewUpload();
        var run = upload.RunAsync(CancellationToken.None);
        var call = await hub.NextUploadAsync();
        await using var frames = call.Frames.GetAsyncEnumerator(streaming.Token);
        Assert.True(await frames.MoveNextAsync());

        await streaming.CancelAsync();
        call.Call.SetException(new HubException("The server closed the connection with the following error: shutting down"));
        await run;

        Assert.Equal($"Session {sessionId} stopped: disconnected from the broker{Environment.NewLine}", status.Text);
        Assert.Empty(errors.Text);
        Assert.False(await frames.MoveNextAsync());
    }

    [Fact]
    public async Task A_screen_that_cannot_be_captured_is_reported_and_the_endpoint_ends_the_session()
    {
        source.Failure = seq => seq == 2 ? new InvalidOperationException("no display") : null;
        var upload = NewUpload();
        var run = upload.RunAsync(CancellationToken.None);
        var call = await hub.NextUploadAsync();
        await using var frames = call.Frames.GetAsyncEnumerator(TestContext.Current.CancellationToken);
        Assert.True(await frames.MoveNextAsync());
        var next = frames.MoveNextAsync();
        time.Advance(Interval);

        Assert.False(await next);
        call.Call.SetResult();
        await run;
        Assert.Equal($"error: cannot capture the screen for session {sessionId}: no display{Environment.NewLine}", errors.Text);
        Assert.Equal((sessionId, "The customer's computer cannot capture its screen."), Assert.Single(hub.Ended));
    }

    [Fact]
    public async Task A_frame_over_the_broker_s_limit_is_skipped_with_one_warning()
    {
        source.DataBytes = seq => seq is 2 or 3 ? Frame.MaxDataBytes + 1 : 64;
        var upload = NewUpload();
        _ = upload.RunAsync(CancellationToken.None);
        await using var frames = (await hub.NextUploadAsync()).Frames.GetAsyncEnumerator(TestContext.Current.CancellationToken);
        Assert.True(await frames.MoveNextAsync());

        var next = frames.MoveNextAsync();
        for (var seq = 2; seq <= 4; seq++)
        {
            // One tick at a time: ticks that pass while the upload is busy count as one.
            time.Advance(Interval);
            await Eventually.HoldsAsync(() => source.Captures.Count >= seq, $"frame {seq} is captured");
        }

        Assert.True(await next);
        Assert.Equal(4, frames.Current.Seq);
        Assert.Equal(1, errors.Count("warning:"));
        Assert.Contains($"warning: frame 2 of session {sessionId} has {Frame.MaxDataBytes + 1} bytes, over the broker's limit", errors.Text);
        Assert.True(upload.Running);
    }
}
