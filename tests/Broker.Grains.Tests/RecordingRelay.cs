using System.Collections.Concurrent;
using Broker.Grains.Connections;

namespace Broker.Grains.Tests;

/// <summary>A host's relay as the grains see it, recording what they push (the real one forwards to SignalR).</summary>
public sealed class RecordingRelay : IConnectionRelay
{
    public ConcurrentQueue<string> Pushed { get; } = new();

    public Task RequestConsent(string connectionId, Guid setupId, string agentName) => Record($"{connectionId} RequestConsent {setupId} {agentName}");

    public Task Enrolled(string connectionId, Guid deviceId, string deviceToken) => Record($"{connectionId} Enrolled {deviceId} {deviceToken}");

    public Task EndSession(string connectionId, Guid sessionId, string reason) => Record($"{connectionId} EndSession {reason}");

    public Task SetupProgress(string connectionId, Guid sessionId, string state, string message) => Record($"{connectionId} SetupProgress {state} {message}");

    public Task SessionEnded(string connectionId, Guid sessionId, string reason) => Record($"{connectionId} SessionEnded {reason}");

    public IEnumerable<string> To(string connectionId) => Pushed.Where(p => p.StartsWith(connectionId + " ", StringComparison.Ordinal));

    private Task Record(string entry)
    {
        Pushed.Enqueue(entry);
        return Task.CompletedTask;
    }
}
