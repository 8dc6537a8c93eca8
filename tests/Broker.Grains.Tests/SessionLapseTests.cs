using Broker.Grains.Common;
using Broker.Grains.Connections;
using Broker.Grains.Sessions;
using Orleans.Core.Internal;

namespace Broker.Grains.Tests;

/// <summary>An attended session nobody is on any more ends by itself, and its agent hears why.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SessionLapseTests(ClusterFixture fixture) : IDisposable
{
    private static readonly TimeSpan Grace = new BrokerSessionOptions().CustomerGrace;

    private readonly ClientRelay _relay = new(fixture);

    private IGrainFactory Grains => fixture.Grains;

    private IConnectionRelay Relay => _relay.Reference;

    public void Dispose() => _relay.Dispose();

    /// <summary>An agent with a viewer connected, and an attended session waiting for its customer.</summary>
    private async Task<(Guid Agent, ISessionGrain Session, AttendedSession Started)> WaitingSession()
    {
        var agent = await Grains.NewAgent(Accounts.Draft(await Grains.NewUserGroup()));
        await Grains.GetGrain<Agents.IAgentGrain>(agent).ConnectViewer(new Connection(Relay, "viewer"));
        var session = Grains.GetGrain<ISessionGrain>(Guid.NewGuid());
        return (agent, session, (await session.StartAttended(agent)).Value!);
    }

    private async Task<(Guid Agent, ISessionGrain Session)> JoinedSession()
    {
        var (agent, session, _) = await WaitingSession();
        Assert.True((await session.Join(new CustomerFacts("CUSTOMER-PC", "Windows 11", Guid.NewGuid().ToString()))).IsOk);
        return (agent, session);
    }

    private async Task<SessionView> EndedAsync(Guid agent, ISessionGrain session)
    {
        await UntilAsync(() => Task.FromResult(_relay.To("viewer").Any(p => p.Contains("SessionEnded"))), "the agent hears the session ended");
        var view = (await session.Get(agent)).Value!;
        Assert.Equal(SessionStates.Ended, view.State);
        return view;
    }

    private async Task AssertStateAsync(Guid agent, ISessionGrain session, string expected) =>
        Assert.Equal(expected, (await session.Get(agent)).Value!.State);

    /// <summary>
    /// Polls, moving the clock on by one check each time: a periodic grain timer is armed again only once its tick has
    /// finished, from the clock's time then, so a test that moved the clock before that would otherwise wait forever.
    /// </summary>
    private async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}");
            fixture.Clock.Advance(CheckPeriod);
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Moves the clock by <paramref name="span"/>, then by one check of the session's timer, so a tick has seen the new time.</summary>
    private void AdvanceAndCheck(TimeSpan span)
    {
        fixture.Clock.Advance(span);
        fixture.Clock.Advance(CheckPeriod);
    }

    /// <summary>The session timer's period with the default grace (a quarter of it, at most 30 s).</summary>
    private static readonly TimeSpan CheckPeriod = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_session_whose_support_key_lapses_before_the_customer_joins_ends()
    {
        var (agent, session, started) = await WaitingSession();

        // A key redeemed at the last moment may still be joining: the session waits a little beyond the key.
        fixture.Clock.Advance(started.SupportKeyExpiresAt + SessionGrain.JoinSlack - fixture.Clock.GetUtcNow() - TimeSpan.FromSeconds(1));
        await AssertStateAsync(agent, session, SessionStates.Waiting);
        AdvanceAndCheck(TimeSpan.FromSeconds(1));

        Assert.Equal(SessionGrain.KeyLapsedReason, (await EndedAsync(agent, session)).EndedReason);
        Assert.Equal(OutcomeKind.Conflict, (await session.Join(new CustomerFacts("LATE-PC", "Linux", Guid.NewGuid().ToString()))).Kind);
    }

    [Fact]
    public async Task A_session_read_after_its_key_lapsed_while_no_host_held_it_ends_once_it_is_active_again()
    {
        var (agent, session, started) = await WaitingSession();

        // Its activation goes (its silo stopped, say) and its timer with it; the key lapses meanwhile.
        await session.Cast<IGrainManagementExtension>().DeactivateOnIdle(TestContext.Current.CancellationToken);
        fixture.Clock.Advance(started.SupportKeyExpiresAt + SessionGrain.JoinSlack - fixture.Clock.GetUtcNow());

        await AssertStateAsync(agent, session, SessionStates.Waiting);
        AdvanceAndCheck(TimeSpan.Zero);
        Assert.Equal(SessionGrain.KeyLapsedReason, (await EndedAsync(agent, session)).EndedReason);
    }

    [Fact]
    public async Task A_session_waits_for_a_customer_who_comes_back_within_the_grace_period_and_ends_when_one_does_not()
    {
        var (agent, session) = await JoinedSession();
        var customer1 = new Connection(Relay, "customer-1");
        Assert.True(await session.CustomerConnected(customer1));

        // A dropped connection (a network blip, a broker host restarting) is not the end: the computer reconnects.
        await session.CustomerDisconnected("customer-1");
        fixture.Clock.Advance(Grace - TimeSpan.FromSeconds(1));
        var customer2 = new Connection(Relay, "customer-2");
        Assert.True(await session.CustomerConnected(customer2));

        // Connected for a while, its host renewing the registration every minute as hosts do.
        for (var minute = 0; minute < 6; minute++)
        {
            fixture.Clock.Advance(ConnectionRegistrations.RefreshPeriod);
            Assert.True(await session.CustomerConnected(customer2));
        }

        await AssertStateAsync(agent, session, SessionStates.Active);
        Assert.True((await session.Get(agent)).Value!.CustomerConnected);

        // Gone for good (closed, crashed, or stopped while it could not reach the broker).
        await session.CustomerDisconnected("customer-2");
        AdvanceAndCheck(Grace);

        Assert.Equal("The customer's computer was disconnected for 2 minutes and did not come back.", (await EndedAsync(agent, session)).EndedReason);
        Assert.False(await session.CustomerConnected(new Connection(Relay, "customer-3")));
    }

    [Fact]
    public async Task A_customer_who_joins_but_never_connects_ends_the_session_after_the_grace_period()
    {
        var (agent, session) = await JoinedSession();

        AdvanceAndCheck(Grace);

        Assert.Contains("disconnected for 2 minutes", (await EndedAsync(agent, session)).EndedReason);
    }

    [Fact]
    public async Task A_customer_whose_host_vanished_without_a_word_is_taken_for_gone_once_its_registration_is_stale()
    {
        var (agent, session) = await JoinedSession();
        Assert.True(await session.CustomerConnected(new Connection(Relay, "customer")));

        // Its host crashed: no disconnect, and nobody renews the registration.
        AdvanceAndCheck(ConnectionRegistrations.StaleAfter);
        await UntilAsync(async () => !(await session.Get(agent)).Value!.CustomerConnected, "the stale registration was dropped");

        AdvanceAndCheck(Grace);

        Assert.Contains("disconnected for 2 minutes", (await EndedAsync(agent, session)).EndedReason);
    }
}
