using System.Net;
using System.Threading.Channels;
using Broker.Contracts;
using Broker.Contracts.Agents;
using Broker.Contracts.Enrollment;
using Broker.Contracts.Hubs;
using Broker.Contracts.Sessions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Broker.Server.Tests;

/// <summary>
/// A device group with an enrolled device, the agent who works on it, a colleague of the same group, and an agent of
/// another group; and the real .NET SignalR clients of endpoints and viewers, with either protocol.
/// </summary>
public sealed class LiveScene : IDisposable
{
    private LiveScene(ApiClient admin, Guid groupId, EnrollResponse device, ApiClient agent, ApiClient colleague, ApiClient stranger)
    {
        Admin = admin;
        GroupId = groupId;
        Device = device;
        Agent = agent;
        Colleague = colleague;
        Stranger = stranger;
    }

    public ApiClient Admin { get; }

    public Guid GroupId { get; }

    public EnrollResponse Device { get; }

    public ApiClient Agent { get; }

    public ApiClient Colleague { get; }

    public ApiClient Stranger { get; }

    public static async Task<LiveScene> CreateAsync(HostCluster cluster, bool unattended = true)
    {
        var admin = await cluster.AdminAsync();
        var userGroup = await admin.CreateUserGroupAsync(unattended: unattended);
        var group = await admin.CreateDeviceGroupAsync();
        var otherGroup = await admin.CreateDeviceGroupAsync();
        var device = await (await admin.PostAsync(Routes.Enroll, new EnrollRequest(
                EnrollMethods.Installer, Guid.NewGuid().ToString(), "PC-0042", "Windows 11 Pro", EnrollmentCode: group.EnrollmentCode)))
            .ExpectAsync<EnrollResponse>(HttpStatusCode.OK);
        var agent = await SignedInAgentAsync(cluster.A, admin, userGroup.Id, group.Id);
        var colleague = await SignedInAgentAsync(cluster.C, admin, userGroup.Id, group.Id);
        var stranger = await SignedInAgentAsync(cluster.A, admin, userGroup.Id, otherGroup.Id);
        return new LiveScene(admin, group.Id, device, agent, colleague, stranger);
    }

    public static async Task<ApiClient> SignedInAgentAsync(BrokerHost host, ApiClient admin, Guid userGroupId, Guid deviceGroupId,
        UnattendedSupportOverride unattended = UnattendedSupportOverride.Inherit)
    {
        var (agent, password) = await admin.CreateAgentAsync(userGroupId, unattended: unattended, deviceGroupIds: deviceGroupId);
        return await ApiClient.SignInAsync(host, agent.Email, password);
    }

    public async Task<HttpResponseMessage> StartSessionAsync(ApiClient agent) =>
        await agent.PostAsync(Routes.Sessions, new CreateSessionRequest(SessionKinds.Unattended, Device.DeviceId));

    public async Task<CreateSessionResponse> StartedSessionAsync() =>
        await (await StartSessionAsync(Agent)).ExpectAsync<CreateSessionResponse>(HttpStatusCode.Created);

    public static HubConnection Hub(BrokerHost host, string route, string token, bool messagePack)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(host.Address, route), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
            });
        if (messagePack)
        {
            builder.AddMessagePackProtocol();
        }
        else
        {
            builder.AddJsonProtocol(json => BrokerJson.Configure(json.PayloadSerializerOptions));
        }

        return builder.Build();
    }

    public static string TokenOf(ApiClient client) => client.Http.DefaultRequestHeaders.Authorization!.Parameter!;

    /// <summary>
    /// Connects the scene's device and heartbeats once; with <paramref name="keepAlive"/> it goes on heartbeating, as the
    /// endpoint program does, so a test slowed by a busy machine does not see its device time out (6 s here).
    /// </summary>
    public async Task<LiveEndpoint> ConnectDeviceAsync(BrokerHost host, bool messagePack = false, bool keepAlive = true)
    {
        var endpoint = new LiveEndpoint(Hub(host, HubRoutes.Device, Device.DeviceToken, messagePack));
        await endpoint.Connection.StartTakenAsync();
        if (keepAlive)
        {
            endpoint.KeepAlive(HostCluster.HeartbeatInterval);
        }

        return endpoint;
    }

    public static async Task<LiveViewer> ViewerAsync(BrokerHost host, ApiClient agent, bool messagePack = false)
    {
        var viewer = new LiveViewer(Hub(host, HubRoutes.Agent, TokenOf(agent), messagePack));
        await viewer.Connection.StartTakenAsViewerAsync();
        return viewer;
    }

    public static Frame FrameOf(Guid sessionId, long seq, int bytes = 1024) =>
        new(sessionId, seq, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), 64, 48, FrameCodecs.Png, FrameData(seq, bytes), KeyFrame: seq == 1);

    /// <summary>Bytes that tell which frame they belong to, so a mixed-up payload shows.</summary>
    public static byte[] FrameData(long seq, int bytes)
    {
        var data = new byte[bytes];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (byte)(seq + i);
        }

        return data;
    }

    /// <summary>
    /// Writes frames numbered on from <paramref name="after"/> until the viewer has one, and returns the last number
    /// written. A watch reaches the session's grain a moment after it is asked for and a frame pushed before that reaches
    /// nobody, so a single frame may never arrive. Fails after 30 s.
    /// </summary>
    public static async Task<long> FramesUntilSeenAsync(
        ChannelWriter<Frame> frames, Channel<Frame> received, Guid sessionId, long after = 0, int bytes = 1024, int everyMilliseconds = 20)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var seq = after;
        while (!received.Reader.TryPeek(out _))
        {
            if (received.Reader.Completion.IsCompleted)
            {
                await received.Reader.Completion; // the watch failed: its error says why
                Assert.Fail($"the viewer's stream ended before any of frames {after + 1}..{seq} arrived");
            }

            Assert.True(DateTime.UtcNow < deadline, $"the viewer received none of frames {after + 1}..{seq} within 30 s");
            await frames.WriteAsync(FrameOf(sessionId, ++seq, bytes), TestContext.Current.CancellationToken);
            await Task.Delay(everyMilliseconds, TestContext.Current.CancellationToken);
        }

        return seq;
    }

    public static async Task<T> Next<T>(Channel<T> channel, TimeSpan? within = null) =>
        await channel.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(within ?? TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);

    /// <summary>
    /// Waits until the channel completes, reading past what is still in it: a channel's Completion waits for its last
    /// item to be read, so a stream that delivered frames nobody read would never look ended.
    /// </summary>
    public static async Task Completed<T>(Channel<T> channel, TimeSpan? within = null)
    {
        async Task Drain()
        {
            await foreach (var _ in channel.Reader.ReadAllAsync(TestContext.Current.CancellationToken))
            {
            }
        }

        await Drain().WaitAsync(within ?? TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        await channel.Reader.Completion;
    }

    public void Dispose()
    {
        Admin.Dispose();
        Agent.Dispose();
        Colleague.Dispose();
        Stranger.Dispose();
    }
}

/// <summary>An endpoint's connection with what the broker told it.</summary>
public sealed class LiveEndpoint : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _heartbeats = Task.CompletedTask;
    private int _disposed;

    public LiveEndpoint(HubConnection connection)
    {
        Connection = connection;
        connection.On<Guid, string>(nameof(IDeviceClient.StartSession), (id, mode) => Started.Writer.TryWrite((id, mode)));
        connection.On<Guid, InputEvent>(nameof(IDeviceClient.Input), (id, input) => Inputs.Writer.TryWrite((id, input)));
        connection.On<Guid, string>(nameof(IDeviceClient.EndSession), (id, reason) => Ended.Writer.TryWrite((id, reason)));
    }

    public HubConnection Connection { get; }

    public Channel<(Guid SessionId, string Mode)> Started { get; } = Channel.CreateUnbounded<(Guid, string)>();

    public Channel<(Guid SessionId, InputEvent Input)> Inputs { get; } = Channel.CreateUnbounded<(Guid, InputEvent)>();

    public Channel<(Guid SessionId, string Reason)> Ended { get; } = Channel.CreateUnbounded<(Guid, string)>();

    /// <summary>Starts uploading; write frames to the returned channel, complete it to end the upload.</summary>
    public (Channel<Frame> Frames, Task Upload) Upload(Guid sessionId)
    {
        var frames = Channel.CreateUnbounded<Frame>();
        var upload = Connection.InvokeAsync(nameof(IDeviceHub.UploadFrames), sessionId, frames.Reader, TestContext.Current.CancellationToken);
        return (frames, upload);
    }

    /// <summary>Heartbeats every <paramref name="interval"/> until disposed.</summary>
    public void KeepAlive(TimeSpan interval) => _heartbeats = Task.Run(async () =>
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                try
                {
                    if (Connection.State == HubConnectionState.Connected)
                    {
                        await Connection.InvokeAsync(nameof(IDeviceHub.Heartbeat), _stopping.Token);
                    }
                }
                catch (Exception) when (!_stopping.IsCancellationRequested)
                {
                    // The connection closed or was refused under the test (which the test itself checks); a later
                    // beat finds out whether there is anything left to keep alive.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    });

    /// <summary>Closes the connection; a second call (a test that disconnected the device itself) does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        await _heartbeats;
        _stopping.Dispose();
        await Connection.DisposeAsync();
    }
}

/// <summary>An agent's viewer connection, with the session ends it was told of.</summary>
public sealed class LiveViewer : IAsyncDisposable
{
    public LiveViewer(HubConnection connection)
    {
        Connection = connection;
        connection.On<Guid, string>(nameof(IAgentClient.SessionEnded), (id, reason) => Ended.Writer.TryWrite((id, reason)));
    }

    public HubConnection Connection { get; }

    public Channel<(Guid SessionId, string Reason)> Ended { get; } = Channel.CreateUnbounded<(Guid, string)>();

    /// <summary>Watches a session; every frame received goes to the returned channel, which completes with the stream.</summary>
    public Channel<Frame> Watch(Guid sessionId, CancellationToken cancellationToken = default)
    {
        var received = Channel.CreateUnbounded<Frame>();
        _ = Task.Run(async () =>
        {
            try
            {
                await foreach (var frame in Connection.StreamAsync<Frame>(nameof(IAgentHub.WatchSession), sessionId, cancellationToken))
                {
                    received.Writer.TryWrite(frame);
                }

                received.Writer.TryComplete();
            }
            catch (Exception exception)
            {
                received.Writer.TryComplete(exception);
            }
        }, cancellationToken);
        return received;
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
