using System.Collections.Concurrent;
using Broker.Contracts;
using Broker.Contracts.Hubs;
using Broker.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Broker.Endpoint.Tests.Fakes;

/// <summary>
/// A broker's device hub on a real Kestrel port, so the endpoint's real SignalR client connects over a real WebSocket:
/// it accepts the device tokens the test allows, answers 401 to any other, speaks JSON and MessagePack as the broker
/// does, and records what the endpoint does.
/// </summary>
internal sealed class FakeBroker : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, HubCallerContext> connections = new();
    private int heartbeats;
    private WebApplication? app;

    private FakeBroker(int port) => Port = port;

    public int Port { get; }

    public string Server => $"http://127.0.0.1:{Port}";

    /// <summary>The device tokens the hub accepts; any other gets 401 at connect.</summary>
    public ConcurrentDictionary<string, bool> Tokens { get; } = new();

    /// <summary>Every path requested, to check that the endpoint never negotiates.</summary>
    public ConcurrentQueue<string> Paths { get; } = new();

    public ConcurrentQueue<string> ConnectedWith { get; } = new();

    public ConcurrentQueue<(Guid SetupId, bool Allow, bool CredentialStored)> ConsentAnswers { get; } = new();

    /// <summary>How each connection's messages were encoded, in connection order: binary is MessagePack, text is JSON.</summary>
    public ConcurrentQueue<TransferFormat> Formats { get; } = new();

    /// <summary>Every frame uploaded, in the order received.</summary>
    public ConcurrentQueue<Frame> Frames { get; } = new();

    /// <summary>How each upload ended, by session, in the order they ended: <c>completed</c> (the endpoint ended its stream), <c>refused</c>, <c>failed: …</c>.</summary>
    public ConcurrentQueue<(Guid SessionId, string Outcome)> Uploads { get; } = new();

    /// <summary>Sessions whose <c>UploadFrames</c> fails at once with this hub error, as the broker's does for a session that is not the device's.</summary>
    public ConcurrentDictionary<Guid, string> UploadRefusals { get; } = new();

    /// <summary>How long the hub takes over each frame: a slow consumer, which holds up the endpoint's stream.</summary>
    public TimeSpan FrameDelay { get; set; }

    /// <summary>Sessions the endpoint ended itself, with its reason.</summary>
    public ConcurrentQueue<(Guid SessionId, string Reason)> EndedByEndpoint { get; } = new();

    /// <summary>When set, <c>AnswerConsent</c> fails with this hub error, as the broker's does for a request that is no longer open.</summary>
    public string? ConsentRefusal { get; set; }

    /// <summary>Until completed (as it is from the start), <c>AnswerConsent</c> records the answer but sends no reply.</summary>
    public TaskCompletionSource ConsentReplyHeld { get; set; } = Replied();

    public int Heartbeats => Volatile.Read(ref heartbeats);

    public int ConnectionCount => connections.Count;

    public IHubContext<FakeDeviceHub, IDeviceClient> Hub => app!.Services.GetRequiredService<IHubContext<FakeDeviceHub, IDeviceClient>>();

    private static TaskCompletionSource Replied()
    {
        var replied = new TaskCompletionSource();
        replied.SetResult();
        return replied;
    }

    public static async Task<FakeBroker> StartAsync(params string[] tokens)
    {
        var broker = new FakeBroker(LoopbackPort.Next());
        foreach (var token in tokens)
        {
            broker.Tokens[token] = true;
        }

        await broker.StartAsync();
        return broker;
    }

    /// <summary>A broker that is not running yet, on a port of its own, for endpoints that start first.</summary>
    public static FakeBroker NotStarted() => new(LoopbackPort.Next());

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(Server);
        builder.Services.AddSingleton(this);
        // As the broker: room for a frame of 4 MiB in JSON's base64 (4/3 of it), plus its envelope.
        builder.Services.AddSignalR(hub => hub.MaximumReceiveMessageSize = Frame.MaxDataBytes / 3 * 4 + 64 * 1024)
            .AddJsonProtocol(json => BrokerJson.Configure(json.PayloadSerializerOptions))
            .AddMessagePackProtocol();
        app = builder.Build();
        app.UseWebSockets();
        app.Use(async (context, next) =>
        {
            Paths.Enqueue(context.Request.Path);
            var header = context.Request.Headers.Authorization.ToString();
            var token = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..] : context.Request.Query["access_token"].ToString();
            if (!Tokens.ContainsKey(token))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            context.Items["token"] = token;
            await next(context);
        });
        app.MapHub<FakeDeviceHub>(HubRoutes.Device);
        await app.StartAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// Waits until the hub holds <paramref name="count"/> connections. The endpoint says it is connected when its
    /// handshake is answered, a moment before the hub runs OnConnectedAsync: calls to all clients, or a drop, made in
    /// that moment would miss it.
    /// </summary>
    public Task HoldsConnectionAsync(int count = 1) =>
        Eventually.HoldsAsync(() => ConnectionCount == count, () => $"the hub holds {count} connection(s); it holds {ConnectionCount}");

    /// <summary>Drops every live connection, as a broker host that goes away does.</summary>
    public void DropAll()
    {
        foreach (var context in connections.Values)
        {
            context.Abort();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }

    /// <summary>The frames of one session, in the order received.</summary>
    public IReadOnlyList<Frame> FramesOf(Guid sessionId) => [.. Frames.Where(frame => frame.SessionId == sessionId)];

    internal void Connected(HubCallerContext context)
    {
        connections[context.ConnectionId] = context;
        ConnectedWith.Enqueue((string)context.GetHttpContext()!.Items["token"]!);
        Formats.Enqueue(context.Features.Get<ITransferFormatFeature>()!.ActiveFormat);
    }

    internal void Disconnected(HubCallerContext context) => connections.TryRemove(context.ConnectionId, out _);

    internal void Heartbeat() => Interlocked.Increment(ref heartbeats);
}
