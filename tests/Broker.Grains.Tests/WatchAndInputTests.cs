using Broker.Contracts.Hubs;
using Broker.Grains.Common;

namespace Broker.Grains.Tests;

/// <summary>Who watches an unattended session, who controls it, and how input reaches the device.</summary>
[Collection(ClusterCollection.Name)]
public sealed class WatchAndInputTests(ClusterFixture fixture)
{
    private readonly TestHost _deviceHost = fixture.Host(0);
    private readonly TestHost _viewerHost = fixture.Host(1);

    private IGrainFactory Grains => fixture.Grains;

    private IEnumerable<string> InputsAtDevice => _deviceHost.Relay.To("device").Where(p => p.Contains(" Input ", StringComparison.Ordinal));

    private Task<LiveSession> Started() => LiveSession.StartAsync(Grains, _deviceHost.Connection("device"));

    [Fact]
    public async Task The_session_s_agent_controls_it_and_a_colleague_of_the_device_s_group_watches_view_only()
    {
        var live = await Started();
        var colleague = await live.NewColleague(Grains);

        var owner = await live.WatchAsync(live.Agent, _viewerHost.Connection("owner"));
        var viewOnly = await live.WatchAsync(colleague, _viewerHost.Connection("colleague"));

        Assert.Equal((live.Id, true), (owner.SessionId, owner.Control));
        Assert.Equal((live.Id, false), (viewOnly.SessionId, viewOnly.Control));
    }

    [Fact]
    public async Task An_agent_outside_the_device_s_group_cannot_watch()
    {
        var live = await Started();
        var outsider = await live.NewOutsider(Grains);

        Assert.Equal(OutcomeKind.NotFound, (await live.Session.Watch(outsider, _viewerHost.Connection("outsider"))).Kind);
    }

    [Fact]
    public async Task An_ended_session_cannot_be_watched()
    {
        var live = await Started();
        var colleague = await live.NewColleague(Grains);
        Assert.True((await live.Session.End(live.Agent)).IsOk);

        var owner = await live.Session.Watch(live.Agent, _viewerHost.Connection("owner"));
        var other = await live.Session.Watch(colleague, _viewerHost.Connection("colleague"));

        Assert.Equal(OutcomeKind.Conflict, owner.Kind);
        Assert.Equal(OutcomeKind.Conflict, other.Kind);
        Assert.Contains("The agent ended the session.", owner.Error);
        Assert.Equal(OutcomeKind.NotFound, (await live.Session.Watch(await live.NewOutsider(Grains), _viewerHost.Connection("outsider"))).Kind);
    }

    [Fact]
    public async Task The_controlling_agent_s_input_reaches_the_device_in_order()
    {
        var live = await Started();
        await live.WatchAsync(live.Agent, _viewerHost.Connection("owner"));

        for (var x = 0; x < 100; x++)
        {
            var sent = await live.Session.SendInput(live.Agent, new InputEvent("pointer-move", x, 2 * x));
            Assert.True(sent.IsOk, sent.Error);
        }

        Assert.Equal(Enumerable.Range(0, 100).Select(x => $"device Input pointer-move {x} {2 * x}"), InputsAtDevice);
    }

    [Fact]
    public async Task A_view_only_agent_s_input_is_refused_and_never_reaches_the_device()
    {
        var live = await Started();
        var colleague = await live.NewColleague(Grains);
        await live.WatchAsync(colleague, _viewerHost.Connection("colleague"));

        var refused = await live.Session.SendInput(colleague, new InputEvent("key-down", Key: "Enter"));

        Assert.Equal(OutcomeKind.Forbidden, refused.Kind);
        Assert.Equal(OutcomeKind.NotFound, (await live.Session.SendInput(await live.NewOutsider(Grains), new InputEvent("text", Text: "x"))).Kind);
        Assert.Empty(InputsAtDevice);
    }

    [Fact]
    public async Task Input_to_an_ended_session_is_refused()
    {
        var live = await Started();
        Assert.True((await live.Session.End(live.Agent)).IsOk);

        var refused = await live.Session.SendInput(live.Agent, new InputEvent("pointer-down", 10, 10, Button: 0));

        Assert.Equal(OutcomeKind.Conflict, refused.Kind);
        Assert.Empty(InputsAtDevice);
    }
}
