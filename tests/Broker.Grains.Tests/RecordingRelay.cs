using System.Collections.Concurrent;
using Broker.Contracts.Hubs;
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

    public Task StartSession(string connectionId, Guid sessionId, string mode) => Record($"{connectionId} StartSession {sessionId} {mode}");

    public Task Input(string connectionId, Guid sessionId, InputEvent input) => Record($"{connectionId} Input {input.Kind} {input.X} {input.Y}");

    public Task Close(string connectionId, string reason) => Record($"{connectionId} Close {reason}");

    public Task SessionOver(Guid sessionId, string reason) => Record($"host SessionOver {sessionId} {reason}");

    /// <summary>Presence changes as this host received them: one entry per call, with the connections it named.</summary>
    public ConcurrentQueue<(string[] ConnectionIds, PresenceUpdate Update)> PresenceCalls { get; } = new();

    public Task PresenceChanged(string[] connectionIds, PresenceUpdate update)
    {
        PresenceCalls.Enqueue((connectionIds, update));
        foreach (var connectionId in connectionIds)
        {
            Record($"{connectionId} Presence {update.DeviceId} {(update.Online ? "online" : "offline")}");
        }

        return Task.CompletedTask;
    }

    /// <summary>Frames as this host received them, per session, in arrival order.</summary>
    public ConcurrentQueue<Frame> Frames { get; } = new();

    public Task Frame(Guid sessionId, Frame frame)
    {
        Frames.Enqueue(frame);
        return Task.CompletedTask;
    }

    public IEnumerable<string> To(string connectionId) => Pushed.Where(p => p.StartsWith(connectionId + " ", StringComparison.Ordinal));

    private Task Record(string entry)
    {
        Pushed.Enqueue(entry);
        return Task.CompletedTask;
    }
}
