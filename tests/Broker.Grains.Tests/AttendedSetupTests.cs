using Broker.Contracts.Agents;
using Broker.Contracts.Devices;
using Broker.Grains.Common;
using Broker.Grains.Connections;
using Broker.Grains.Devices;
using Broker.Grains.Enrollment;
using Broker.Grains.Sessions;

namespace Broker.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class AttendedSetupTests(ClusterFixture fixture) : IDisposable
{
    private readonly ClientRelay _relay = new(fixture);

    private IGrainFactory Grains => fixture.Grains;

    private IConnectionRelay Relay => _relay.Reference;

    public void Dispose() => _relay.Dispose();

    /// <summary>An agent with a viewer connected, a device group, and an attended session the customer joined and is connected to.</summary>
    private async Task<(Guid Agent, Guid Group, ISessionGrain Session)> JoinedSession(
        bool unattended = true, UnattendedSupportOverride agentOverride = UnattendedSupportOverride.Inherit, string? machineKey = null)
    {
        var userGroup = await Grains.NewUserGroup(unattended);
        var group = await Grains.NewDeviceGroup();
        var agent = await Grains.NewAgent(Accounts.Draft(userGroup, unattended: agentOverride, deviceGroups: group));
        await Grains.GetGrain<Agents.IAgentGrain>(agent).ConnectViewer(new Connection(Relay, "viewer"));
        var sessionId = Guid.NewGuid();
        var session = Grains.GetGrain<ISessionGrain>(sessionId);
        var started = await session.StartAttended(agent);
        var redeemed = await Grains.GetGrain<ISupportKeyGrain>(SupportKeys.GrainKey(started.Value!.SupportKey)).Redeem();
        Assert.Equal(sessionId, redeemed);
        Assert.True((await session.Join(new CustomerFacts("CUSTOMER-PC", "Windows 11", machineKey ?? Guid.NewGuid().ToString()))).IsOk);
        Assert.True(await session.CustomerConnected(new Connection(Relay, "customer")));
        return (agent, group, session);
    }

    [Fact]
    public async Task An_agent_s_grain_keeps_the_newest_sessions_they_started_newest_first()
    {
        var userGroup = await Grains.NewUserGroup(unattended: true);
        var agentId = await Grains.NewAgent(Accounts.Draft(userGroup));
        var started = new List<Guid>();
        for (var i = 0; i < Agents.AgentGrain.RecentSessionLimit + 2; i++)
        {
            var id = Guid.NewGuid();
            Assert.True((await Grains.GetGrain<ISessionGrain>(id).StartAttended(agentId)).IsOk);
            started.Add(id);
        }

        var recent = await Grains.GetGrain<Agents.IAgentGrain>(agentId).GetRecentSessions();
        Assert.Equal(Enumerable.Reverse(started).Take(Agents.AgentGrain.RecentSessionLimit), recent);
    }

    [Fact]
    public async Task A_support_key_has_nine_digits_opens_its_session_once_and_expires()
    {
        var (agent, _, _) = await JoinedSession();
        var session = Grains.GetGrain<ISessionGrain>(Guid.NewGuid());
        var started = (await session.StartAttended(agent)).Value!;
        var key = Grains.GetGrain<ISupportKeyGrain>(SupportKeys.GrainKey(started.SupportKey));

        Assert.Matches("^[0-9]{9}$", started.SupportKey);
        Assert.Equal(session.GetPrimaryKey(), await key.Redeem());
        Assert.Null(await key.Redeem());

        var other = (await Grains.GetGrain<ISessionGrain>(Guid.NewGuid()).StartAttended(agent)).Value!;
        fixture.Clock.Advance(SupportKeys.Lifetime);
        Assert.Null(await Grains.GetGrain<ISupportKeyGrain>(SupportKeys.GrainKey(other.SupportKey)).Redeem());
    }

    [Fact]
    public async Task An_agent_without_attended_support_cannot_open_an_attended_session()
    {
        var userGroup = await Grains.NewUserGroup(attended: false);
        var agent = await Grains.NewAgent(Accounts.Draft(userGroup));

        Assert.Equal(OutcomeKind.Forbidden, (await Grains.GetGrain<ISessionGrain>(Guid.NewGuid()).StartAttended(agent)).Kind);
    }

    [Fact]
    public async Task Consent_with_a_stored_login_enrols_the_computer_and_hands_it_its_token()
    {
        var (agent, group, session) = await JoinedSession();

        var started = (await session.StartSetup(agent)).Value!;
        Assert.Equal(SessionStates.SetupRequestingConsent, started.SetupState);
        Assert.Contains(_relay.To("customer"), p => p.Contains($"RequestConsent {started.SetupId}"));
        Assert.Contains(_relay.To("viewer"), p => p.Contains(SessionGrain.RequestingMessage));

        Assert.True((await session.AnswerConsent(started.SetupId!.Value, allow: true, credentialStored: true)).IsOk);
        var completed = await session.CompleteSetup(agent, "Customer laptop", group);

        Assert.True(completed.IsOk, completed.Error);
        Assert.Equal("Unattended support set up successfully.", completed.Value!.Message);
        var device = (await Grains.GetGrain<IDeviceGrain>(completed.Value.DeviceId).Describe())!;
        Assert.Equal(("Customer laptop", EnrollmentMethod.AttendedSession, true, group), (device.Nickname, device.Method, device.CredentialStored, device.DeviceGroupId));
        var token = _relay.To("customer").Single(p => p.Contains(" Enrolled ")).Split(' ')[^1];
        Assert.True(await Grains.GetGrain<IDeviceGrain>(completed.Value.DeviceId).VerifyToken(token));
        Assert.Equal("Unattended access was set up in this session.", (await session.Get(agent)).Value!.SetupUnavailableReason);
        Assert.Equal("This computer already has unattended access.", (await JoinedSessionOnSameMachine(agent, session)).SetupUnavailableReason);
    }

    private async Task<SessionView> JoinedSessionOnSameMachine(Guid agent, ISessionGrain done)
    {
        var view = (await done.Get(agent)).Value!;
        var next = Grains.GetGrain<ISessionGrain>(Guid.NewGuid());
        var started = (await next.StartAttended(agent)).Value!;
        await Grains.GetGrain<ISupportKeyGrain>(SupportKeys.GrainKey(started.SupportKey)).Redeem();
        await next.Join(view.Customer!);
        return (await next.Get(agent)).Value!;
    }

    [Fact]
    public async Task Without_a_stored_login_the_final_message_says_the_customer_must_log_in()
    {
        var (agent, group, session) = await JoinedSession();
        var setup = (await session.StartSetup(agent)).Value!.SetupId!.Value;
        await session.AnswerConsent(setup, allow: true, credentialStored: false);

        var completed = (await session.CompleteSetup(agent, "Kiosk", group)).Value!;

        Assert.False(completed.CredentialStored);
        Assert.Contains("will have to log in", completed.Message);
    }

    [Fact]
    public async Task A_declined_consent_ends_the_setup_and_enrols_nothing()
    {
        var (agent, group, session) = await JoinedSession();
        var setup = (await session.StartSetup(agent)).Value!.SetupId!.Value;

        await session.AnswerConsent(setup, allow: false, credentialStored: false);

        Assert.Contains(_relay.To("viewer"), p => p.Contains("setup could not be completed"));
        Assert.Equal(OutcomeKind.Conflict, (await session.CompleteSetup(agent, "PC", group)).Kind);
        Assert.Empty(await Grains.GetGrain<DeviceGroups.IDeviceGroupGrain>(group).ListDevices());
        Assert.Null((await session.Get(agent)).Value!.SetupUnavailableReason);
    }

    [Fact]
    public async Task A_cancelled_setup_no_longer_takes_the_customer_s_answer()
    {
        var (agent, group, session) = await JoinedSession();
        var setup = (await session.StartSetup(agent)).Value!.SetupId!.Value;

        Assert.Equal(SessionStates.SetupCancelled, (await session.CancelSetup(agent)).Value!.SetupState);

        Assert.Equal(OutcomeKind.Conflict, (await session.AnswerConsent(setup, allow: true, credentialStored: true)).Kind);
        Assert.Equal(OutcomeKind.Conflict, (await session.CompleteSetup(agent, "PC", group)).Kind);
    }

    [Theory]
    [InlineData(false, UnattendedSupportOverride.Inherit)]
    [InlineData(true, UnattendedSupportOverride.Deny)]
    public async Task Setup_is_greyed_out_when_the_agent_s_permission_disallows_unattended_support(bool groupAllows, UnattendedSupportOverride agentOverride)
    {
        var (agent, _, session) = await JoinedSession(groupAllows, agentOverride);

        Assert.Equal("Your permissions do not allow unattended support.", (await session.Get(agent)).Value!.SetupUnavailableReason);
        var refused = await session.StartSetup(agent);
        Assert.Equal(OutcomeKind.Conflict, refused.Kind);
        Assert.DoesNotContain(_relay.To("customer"), p => p.Contains("RequestConsent"));
    }

    [Theory]
    [InlineData(true, UnattendedSupportOverride.Inherit, true)]
    [InlineData(false, UnattendedSupportOverride.Inherit, false)]
    [InlineData(true, UnattendedSupportOverride.Allow, true)]
    [InlineData(false, UnattendedSupportOverride.Allow, true)]
    [InlineData(true, UnattendedSupportOverride.Deny, false)]
    [InlineData(false, UnattendedSupportOverride.Deny, false)]
    public async Task The_permission_matrix_decides_whether_attended_setup_is_available(
        bool groupAllows, UnattendedSupportOverride agentOverride, bool available)
    {
        var (agent, _, session) = await JoinedSession(groupAllows, agentOverride);

        Assert.Equal(available, (await session.Get(agent)).Value!.SetupUnavailableReason is null);
        Assert.Equal(available, (await session.StartSetup(agent)).IsOk);
    }

    [Fact]
    public async Task Setup_is_allowed_by_the_agent_override_even_when_the_user_group_says_no()
    {
        var (agent, _, session) = await JoinedSession(unattended: false, agentOverride: UnattendedSupportOverride.Allow);

        Assert.True((await session.StartSetup(agent)).IsOk);
    }

    [Fact]
    public async Task Setup_is_greyed_out_for_a_computer_that_already_has_unattended_access()
    {
        var group = await Grains.NewDeviceGroup();
        var machineKey = Guid.NewGuid().ToString();
        var code = (await Grains.GetGrain<DeviceGroups.IDeviceGroupGrain>(group).Get()).Value!.EnrollmentCode!;
        await Grains.GetGrain<IEnrollmentGrain>(0).EnrollWithCode(code, new MachineFacts(machineKey, "CUSTOMER-PC", "Windows 11"));

        var (agent, _, session) = await JoinedSession(machineKey: machineKey);

        Assert.Equal("This computer already has unattended access.", (await session.Get(agent)).Value!.SetupUnavailableReason);
    }

    [Fact]
    public async Task Only_the_session_s_agent_can_see_or_drive_it()
    {
        var (_, group, session) = await JoinedSession();
        var stranger = await Grains.NewAgent(Accounts.Draft(await Grains.NewUserGroup(), deviceGroups: group));

        Assert.Equal(OutcomeKind.NotFound, (await session.Get(stranger)).Kind);
        Assert.Equal(OutcomeKind.NotFound, (await session.StartSetup(stranger)).Kind);
        Assert.Equal(OutcomeKind.NotFound, (await session.End(stranger)).Kind);
    }

    [Fact]
    public async Task Ending_the_session_tells_the_customer_and_cancels_a_setup_under_way()
    {
        var (agent, _, session) = await JoinedSession();
        await session.StartSetup(agent);

        var ended = (await session.End(agent)).Value!;

        Assert.Equal((SessionStates.Ended, SessionStates.SetupCancelled), (ended.State, ended.SetupState));
        Assert.Contains(_relay.To("customer"), p => p.Contains("EndSession"));
        Assert.Contains(_relay.To("viewer"), p => p.Contains("SessionEnded"));
    }

    [Fact]
    public async Task The_customer_leaving_ends_the_session_cancels_a_setup_and_tells_the_agent()
    {
        var (agent, _, session) = await JoinedSession();
        await session.StartSetup(agent);

        Assert.True((await session.EndByCustomer("")).IsOk);
        Assert.True((await session.EndByCustomer("again")).IsOk);

        var ended = (await session.Get(agent)).Value!;
        Assert.Equal((SessionStates.Ended, SessionStates.SetupCancelled, "The customer ended the session."), (ended.State, ended.SetupState, ended.EndedReason));
        Assert.Contains(_relay.To("viewer"), p => p.Contains("SessionEnded") && p.Contains("The customer ended the session."));

        // Only an attended session has a customer to leave it.
        Assert.False((await Grains.GetGrain<ISessionGrain>(Guid.NewGuid()).EndByCustomer("")).IsOk);
    }
}
