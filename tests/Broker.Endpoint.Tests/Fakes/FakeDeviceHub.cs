using Broker.Contracts.Hubs;
using Microsoft.AspNetCore.SignalR;

namespace Broker.Endpoint.Tests.Fakes;

/// <summary>The device hub as the contract describes it, recording what endpoints call.</summary>
internal sealed class FakeDeviceHub(FakeBroker broker) : Hub<IDeviceClient>, IDeviceHub
{
    public override Task OnConnectedAsync()
    {
        broker.Connected(Context);
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        broker.Disconnected(Context);
        return Task.CompletedTask;
    }

    public Task Heartbeat()
    {
        broker.Heartbeat();
        return Task.CompletedTask;
    }

    public async Task AnswerConsent(Guid setupId, bool allow, bool credentialStored)
    {
        if (broker.ConsentRefusal is { } refusal)
        {
            throw new HubException(refusal);
        }

        broker.ConsentAnswers.Enqueue((setupId, allow, credentialStored));
        await broker.ConsentReplyHeld.Task.WaitAsync(Context.ConnectionAborted);
    }

    public Task SetCredentialStored(bool credentialStored) => Task.CompletedTask;

    public async Task UploadFrames(Guid sessionId, IAsyncEnumerable<Frame> frames)
    {
        if (broker.UploadRefusals.TryGetValue(sessionId, out var refusal))
        {
            broker.Uploads.Enqueue((sessionId, "refused"));
            throw new HubException(refusal);
        }

        try
        {
            // Unlike the broker, this hub never ends an upload itself: when it completes, the endpoint ended its stream.
            await foreach (var frame in frames)
            {
                broker.Frames.Enqueue(frame);
                if (broker.FrameDelay > TimeSpan.Zero)
                {
                    await Task.Delay(broker.FrameDelay);
                }
            }

            broker.Uploads.Enqueue((sessionId, "completed"));
        }
        catch (Exception e)
        {
            broker.Uploads.Enqueue((sessionId, $"failed: {e.Message}"));
            throw;
        }
    }

    public Task EndSession(Guid sessionId, string reason)
    {
        broker.EndedByEndpoint.Enqueue((sessionId, reason));
        return Task.CompletedTask;
    }
}
