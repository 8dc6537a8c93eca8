using System.Collections.Concurrent;
using System.Threading.Channels;
using Broker.Contracts.Hubs;

namespace Broker.Endpoint.Tests.Sessions;

/// <summary>
/// The device hub as the upload sees it, driven by the test: it hands over each <c>UploadFrames</c> call, whose stream
/// the test pulls at its own pace and whose outcome the test decides, as SignalR and the broker would.
/// </summary>
internal sealed class ManualHub : IDeviceHub
{
    private readonly Channel<Upload> uploads = Channel.CreateUnbounded<Upload>();

    public ConcurrentQueue<(Guid SessionId, string Reason)> Ended { get; } = new();

    public ValueTask<Upload> NextUploadAsync() => uploads.Reader.ReadAsync(TestContext.Current.CancellationToken);

    public Task UploadFrames(Guid sessionId, IAsyncEnumerable<Frame> frames)
    {
        var upload = new Upload(sessionId, frames);
        uploads.Writer.TryWrite(upload);
        return upload.Call.Task;
    }

    public Task EndSession(Guid sessionId, string reason)
    {
        Ended.Enqueue((sessionId, reason));
        return Task.CompletedTask;
    }

    public Task Heartbeat() => Task.CompletedTask;

    public Task AnswerConsent(Guid setupId, bool allow, bool credentialStored) => Task.CompletedTask;

    public Task SetCredentialStored(bool credentialStored) => Task.CompletedTask;

    internal sealed record Upload(Guid SessionId, IAsyncEnumerable<Frame> Frames)
    {
        /// <summary>The invocation: completed or failed by the test, as the broker would answer it.</summary>
        public TaskCompletionSource Call { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
