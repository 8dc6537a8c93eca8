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

    public Task AnswerConsent(Guid setupId, bool allow, bool credentialStored)
    {
        if (broker.ConsentRefusal is { } refusal)
        {
            throw new HubException(refusal);
        }

        broker.ConsentAnswers.Enqueue((setupId, allow, credentialStored));
        return Task.CompletedTask;
    }

    public Task SetCredentialStored(bool credentialStored) => Task.CompletedTask;

    public async Task UploadFrames(Guid sessionId, IAsyncEnumerable<Frame> frames)
    {
        await foreach (var frame in frames)
        {
            broker.Frames.Enqueue(frame);
        }
    }

    public Task EndSession(Guid sessionId, string reason)
    {
        broker.EndedByEndpoint.Enqueue((sessionId, reason));
        return Task.CompletedTask;
    }
}
