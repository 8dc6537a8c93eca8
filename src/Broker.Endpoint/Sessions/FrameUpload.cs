using System.Runtime.CompilerServices;
using Broker.Contracts.Hubs;
using Broker.Endpoint.Connection;
using Broker.Endpoint.Frames;
using Microsoft.AspNetCore.SignalR;

namespace Broker.Endpoint.Sessions;

/// <summary>
/// One session's frames on their way to the broker: a single <c>UploadFrames</c> call whose stream captures a frame at
/// each tick of a fixed rate, numbered from <paramref name="firstSeq"/> (1, or on from where an earlier upload of the
/// session stopped, since viewers drop a frame numbered below one they have). The stream is pulled: SignalR asks for the next frame only once it has
/// written the previous one, and the frame is captured then. An upload that falls behind therefore skips the ticks it
/// missed and sends the newest picture next; nothing stale waits in a queue here.
/// </summary>
internal sealed class FrameUpload(
    Guid sessionId, IDeviceHub hub, IFrameSource source, TimeSpan interval, TimeProvider time, TextWriter status, TextWriter errors, long firstSeq = 1)
{
    private readonly CancellationTokenSource stop = new();
    private readonly long first = firstSeq;
    private long nextSeq = firstSeq;
    private volatile bool ended;
    private volatile bool disconnected;
    private volatile bool captureFailed;
    private CancellationToken streaming;

    /// <summary>Until the upload ends, whatever the reason.</summary>
    public bool Running => !stop.IsCancellationRequested;

    /// <summary>The number the next frame of the session takes: one past the last frame captured.</summary>
    public long NextSeq => Interlocked.Read(ref nextSeq);

    /// <summary>The broker ended the session: the stream ends cleanly, so the broker sees the upload complete, and nothing more is reported.</summary>
    public void End()
    {
        ended = true;
        stop.Cancel();
    }

    /// <summary>Uploads until the session ends, the broker completes or refuses the upload, or <paramref name="connectionLost"/>.</summary>
    public async Task RunAsync(CancellationToken connectionLost)
    {
        await using var lost = connectionLost.Register(() =>
        {
            disconnected = true;
            stop.Cancel();
        });
        try
        {
            await hub.UploadFrames(sessionId, CaptureAsync());
            if (captureFailed && !ended)
            {
                await hub.EndSession(sessionId, "The customer's computer cannot capture its screen.");
            }
        }
        catch (Exception) when (ended)
        {
        }
        catch (Exception) when (disconnected || streaming.IsCancellationRequested)
        {
            await status.WriteLineAsync($"Session {sessionId} stopped: disconnected from the broker");
        }
        catch (HubException e)
        {
            await errors.WriteLineAsync($"error: the broker refused the frames of session {sessionId}: {HubErrors.Words(e)}");
        }
        catch (Exception e)
        {
            await errors.WriteLineAsync($"error: cannot send the frames of session {sessionId}: {e.Message}");
        }
        finally
        {
            stop.Cancel();
        }
    }

    /// <summary>The frames of the session: the first at once, then one per tick, until stopped.</summary>
    /// <param name="signalR">
    /// SignalR's token for this stream: cancelled when the connection closes, before SignalR fails the call itself (and
    /// before anyone hears of the loss), so a failure that follows is known to be the connection's.
    /// </param>
    private async IAsyncEnumerable<Frame> CaptureAsync([EnumeratorCancellation] CancellationToken signalR = default)
    {
        streaming = signalR;
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stop.Token, signalR);
        using var timer = new PeriodicTimer(interval, time);
        var warned = false;
        for (var seq = first; ; seq++)
        {
            if (seq > first && !await NextTickAsync(timer, stopping.Token))
            {
                yield break;
            }

            if (await TryCaptureAsync(seq, stopping.Token) is not { } frame)
            {
                yield break;
            }

            Interlocked.Exchange(ref nextSeq, seq + 1);

            // The broker fails the whole upload for one frame over the limit; skipping it leaves a gap in seq that viewers understand.
            if (frame.Data.Length > Frame.MaxDataBytes)
            {
                if (!warned)
                {
                    warned = true;
                    await errors.WriteLineAsync($"warning: frame {seq} of session {sessionId} has {frame.Data.Length} bytes, over the broker's "
                        + $"limit of {Frame.MaxDataBytes}; skipping such frames (a smaller --frame-size or --codec png helps)");
                }

                continue;
            }

            yield return frame;
        }
    }

    private async Task<Frame?> TryCaptureAsync(long seq, CancellationToken stopping)
    {
        try
        {
            return await source.CaptureAsync(sessionId, seq, time.GetUtcNow(), stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception e)
        {
            // Ending the stream cleanly, rather than failing it, keeps the capture's details out of the broker's error.
            captureFailed = true;
            await errors.WriteLineAsync($"error: cannot capture the screen for session {sessionId}: {e.Message}");
            return null;
        }
    }

    /// <summary>Waits for the next tick; a tick missed while the previous frame was being sent comes at once, several missed ones as one.</summary>
    private static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken stopping)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stopping);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
