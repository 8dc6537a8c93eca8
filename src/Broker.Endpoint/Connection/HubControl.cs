namespace Broker.Endpoint.Connection;

/// <summary>What the broker's calls may do to the connection they arrived on: have it made again, or end the run.</summary>
internal sealed class HubControl(TaskCompletionSource<int> finished)
{
    private readonly TaskCompletionSource restarted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when <see cref="Restart"/> was asked for this connection.</summary>
    public Task Restarted => restarted.Task;

    /// <summary>Closes this connection and makes a new one (e.g. with a new token).</summary>
    /// <remarks>Never waits: stopping a connection waits for its handlers, and the caller is one of them.</remarks>
    public void Restart() => restarted.TrySetResult();

    /// <summary>Closes the connection and ends the run with <paramref name="exitCode"/>.</summary>
    public void Finish(int exitCode) => finished.TrySetResult(exitCode);
}
