using Broker.Contracts.Hubs;
using Broker.Grains.Common;
using Broker.Grains.Devices;
using Broker.Grains.Sessions;

namespace Broker.Grains.Tests;

/// <summary>The frame relay: the device's frames reach every host with viewers, once per host and intact.</summary>
[Collection(ClusterCollection.Name)]
public sealed class FrameRelayTests(ClusterFixture fixture)
{
    private readonly TestHost _deviceHost = fixture.Host(0);
    private readonly TestHost _hostA = fixture.Host(1);
    private readonly TestHost _hostB = fixture.Host(2);

    private IGrainFactory Grains => fixture.Grains;

    private Task<LiveSession> Started(SiloAddress? sessionSilo = null) =>
        LiveSession.StartAsync(Grains, _deviceHost.Connection("device"), sessionSilo);

    /// <summary>Uploads frames as the device host's hub does: one at a time, each after the grain took the one before.</summary>
    private static async Task Upload(TestHost host, LiveSession live, IEnumerable<Frame> frames)
    {
        var session = host.Grains.GetGrain<ISessionGrain>(live.Id);
        foreach (var frame in frames)
        {
            Assert.True(await session.PushFrame(live.Device, live.DeviceConnection, frame));
        }
    }

    private static IEnumerable<Frame> Numbered(LiveSession live, int count) => Enumerable.Range(1, count).Select(seq => Frames.Make(live.Id, seq));

    private static Task Received(TestHost host, int count) => Eventually.HoldsAsync(
        () => host.Relay.Frames.Count >= count, () => $"{host.Silo} received {count} frames (it has {host.Relay.Frames.Count})");

    private static void AssertIntact(Frame sent, Frame received)
    {
        Assert.Equal(
            (sent.SessionId, sent.Seq, sent.CapturedAtUnixMs, sent.Width, sent.Height, sent.Codec, sent.KeyFrame, sent.Data.Length),
            (received.SessionId, received.Seq, received.CapturedAtUnixMs, received.Width, received.Height, received.Codec, received.KeyFrame, received.Data.Length));
        Assert.True(sent.Data.AsSpan().SequenceEqual(received.Data), $"frame {sent.Seq}: the data changed on the way");
    }

    [Fact]
    public async Task Each_viewer_host_gets_each_frame_once_however_many_viewers_it_holds()
    {
        var live = await Started();
        await live.WatchAsync(live.Agent, _hostA.Connection("owner"));
        await live.WatchAsync(await live.NewColleague(Grains), _hostA.Connection("colleague-1"));
        await live.WatchAsync(await live.NewColleague(Grains), _hostA.Connection("colleague-2"));
        await live.WatchAsync(await live.NewColleague(Grains), _hostB.Connection("colleague-3"));

        // At a viewer's pace (each frame taken before the next is captured) nothing is skipped.
        foreach (var frame in Numbered(live, 20))
        {
            await Upload(_deviceHost, live, [frame]);
            await Received(_hostA, (int)frame.Seq);
            await Received(_hostB, (int)frame.Seq);
        }

        // Every host answers the end of the session; by then a frame sent twice would have had time to arrive too.
        await live.Session.End(live.Agent);
        Assert.Equal(Enumerable.Range(1, 20).Select(seq => (long)seq), _hostA.Relay.Frames.Select(f => f.Seq));
        Assert.Equal(Enumerable.Range(1, 20).Select(seq => (long)seq), _hostB.Relay.Frames.Select(f => f.Seq));
        Assert.Empty(_deviceHost.Relay.Frames);
    }

    /// <remarks>
    /// One-way calls between silos overtake each other under load (a burst of 1,000 arrived with hundreds of adjacent
    /// pairs swapped), so the grain sends each host one frame at a time and keeps only the newest while a call is under
    /// way: a burst reaches every host in order, without duplicates, ending with its last frame, with stale ones skipped.
    /// </remarks>
    [Fact]
    public async Task A_burst_of_frames_reaches_every_host_in_order_ending_with_the_newest()
    {
        var live = await Started();
        await live.WatchAsync(live.Agent, _hostA.Connection("owner"));
        await live.WatchAsync(await live.NewColleague(Grains), _hostB.Connection("colleague"));
        await live.WatchAsync(await live.NewColleague(Grains), _deviceHost.Connection("colleague-beside-the-device"));
        var skippedBefore = fixture.RelayMetrics.SkippedForHost;

        await Upload(_deviceHost, live, Numbered(live, 500));

        foreach (var host in new[] { _hostA, _hostB, _deviceHost })
        {
            await Eventually.HoldsAsync(() => host.Relay.Frames.Any(f => f.Seq == 500), () => "the last frame reaches the host");
            var seqs = host.Relay.Frames.Select(f => f.Seq).ToList();
            Assert.All(seqs.Zip(seqs.Skip(1)), pair => Assert.True(pair.Second > pair.First, $"frame {pair.Second} came after {pair.First}"));
        }

        // Every frame a host did not get was counted as skipped for it, and nothing else was.
        var missed = new[] { _hostA, _hostB, _deviceHost }.Sum(host => 500 - host.Relay.Frames.Count);
        Assert.Equal(missed, fixture.RelayMetrics.SkippedForHost - skippedBefore);
    }

    [Fact]
    public async Task A_frame_crosses_silos_intact()
    {
        // The session's grain on the third silo, the device's host on the first, the viewer's host on the second.
        var live = await Started(sessionSilo: _hostB.Silo);
        Assert.Equal(_hostB.Silo, await Grains.GetGrain<IManagementGrain>(0).GetActivationAddress(live.Session, TestContext.Current.CancellationToken));
        await live.WatchAsync(live.Agent, _hostA.Connection("owner"));
        Frame[] sent =
        [
            Frames.Make(live.Id, 1, bytes: 1, codec: FrameCodecs.RawBgra, keyFrame: true),
            Frames.Make(live.Id, 2, bytes: 100_000, codec: FrameCodecs.Jpeg),
            Frames.Make(live.Id, 5_000_000_000, bytes: Frame.MaxDataBytes, codec: "x-vendor/h264; profile=high"),
        ];

        await Upload(_deviceHost, live, sent);

        await Received(_hostA, sent.Length);
        foreach (var frame in sent)
        {
            var received = Assert.Single(_hostA.Relay.Frames, f => f.Seq == frame.Seq);
            AssertIntact(frame, received);
            Assert.NotSame(frame.Data, received.Data);
        }
    }

    [Fact]
    public async Task Within_one_silo_a_frame_is_handed_on_without_copying()
    {
        var live = await Started(sessionSilo: _hostA.Silo);
        Assert.Equal(_hostA.Silo, await Grains.GetGrain<IManagementGrain>(0).GetActivationAddress(live.Session, TestContext.Current.CancellationToken));
        await live.WatchAsync(live.Agent, _hostA.Connection("owner"));
        var frame = Frames.Make(live.Id, 1, bytes: 1024 * 1024);

        await Upload(_hostA, live, [frame]);

        await Received(_hostA, 1);
        Assert.Same(frame.Data, Assert.Single(_hostA.Relay.Frames).Data);
    }

    [Fact]
    public async Task Frames_from_another_device_are_refused()
    {
        var live = await Started();
        await live.WatchAsync(live.Agent, _hostA.Connection("owner"));
        var other = (await Grains.NewDevice(live.DeviceGroup)).DeviceId;
        Assert.True(await Grains.GetGrain<IDeviceGrain>(other).Connect(_deviceHost.Connection("other-device")));
        var session = _deviceHost.Grains.GetGrain<ISessionGrain>(live.Id);

        Assert.Equal(OutcomeKind.NotFound, (await session.AttachSource(other, _deviceHost.Connection("other-device"))).Kind);
        Assert.False(await session.PushFrame(other, _deviceHost.Connection("other-device"), Frames.Make(live.Id, 1)));
        await Upload(_deviceHost, live, [Frames.Make(live.Id, 2)]);

        await Received(_hostA, 1);
        Assert.Equal(2, Assert.Single(_hostA.Relay.Frames).Seq);
    }

    [Fact]
    public async Task An_ended_session_takes_no_more_frames()
    {
        var live = await Started();
        await live.WatchAsync(live.Agent, _hostA.Connection("owner"));
        var session = _deviceHost.Grains.GetGrain<ISessionGrain>(live.Id);
        Assert.True((await session.AttachSource(live.Device, live.DeviceConnection)).IsOk);

        await live.Session.End(live.Agent);

        Assert.False(await session.PushFrame(live.Device, live.DeviceConnection, Frames.Make(live.Id, 1)));
        Assert.Equal(OutcomeKind.Conflict, (await session.AttachSource(live.Device, live.DeviceConnection)).Kind);
        Assert.Empty(_hostA.Relay.Frames);
    }

    [Fact]
    public async Task A_host_whose_viewers_stopped_watching_gets_no_more_frames()
    {
        var live = await Started();
        await live.WatchAsync(live.Agent, _hostA.Connection("owner"));
        await live.WatchAsync(await live.NewColleague(Grains), _hostA.Connection("colleague-1"));
        await live.WatchAsync(await live.NewColleague(Grains), _hostB.Connection("colleague-2"));

        await live.Session.Unwatch("colleague-1");
        await live.Session.Unwatch("colleague-2");
        await Upload(_deviceHost, live, Numbered(live, 3));

        await Eventually.HoldsAsync(() => _hostA.Relay.Frames.Any(f => f.Seq == 3), () => "host A has the newest frame");
        await live.Session.End(live.Agent);
        Assert.Empty(_hostB.Relay.Frames);
    }
}
