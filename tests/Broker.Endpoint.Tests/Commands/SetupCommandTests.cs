using System.Net;
using Broker.Contracts;
using Broker.Contracts.Agents;
using Broker.Contracts.Auth;
using Broker.Contracts.Enrollment;
using Broker.Contracts.Me;
using Broker.Endpoint.Tests.Fakes;
using Broker.Endpoint.Vault;

namespace Broker.Endpoint.Tests.Commands;

public sealed class SetupCommandTests : IDisposable
{
    private const string Server = "https://broker.example.com";

    private static readonly NamedRef Contoso = new(Guid.NewGuid(), "Contoso Ltd");
    private static readonly NamedRef Fabrikam = new(Guid.NewGuid(), "Fabrikam");

    private readonly EndpointHarness endpoint = new();
    private readonly Guid deviceId = Guid.NewGuid();

    public void Dispose() => endpoint.Dispose();

    private void AgentWithGroups(params NamedRef[] groups)
    {
        endpoint.Api.On(HttpMethod.Post, Routes.Login, () => FakeBrokerApi.Json(new LoginResponse("at1.agent-token", DateTimeOffset.UtcNow.AddHours(8))));
        endpoint.Api.On(HttpMethod.Get, Routes.Me, () => FakeBrokerApi.Json(new MeResponse(
            Guid.NewGuid(), "ana@example.com", "Ana", AgentRole.Agent, new NamedRef(Guid.NewGuid(), "Support"), new EffectivePermissions(true, true), groups)));
    }

    private void EnrolmentSucceeds(NamedRef group, string nickname) =>
        endpoint.Api.On(HttpMethod.Post, Routes.Enroll, () => FakeBrokerApi.Json(new EnrollResponse(deviceId, "dt1.device-token", group.Id, nickname)));

    private Task<int> SetupAsync(string stdin, params string[] options) =>
        endpoint.RunAsync(stdin, TestContext.Current.CancellationToken, ["setup", "--server", Server, "--config", endpoint.ConfigPath, .. options]);

    private EnrollRequest SentEnrolment() => Assert.Single(endpoint.Api.To(Routes.Enroll)).Json<EnrollRequest>();

    [Fact]
    public async Task Setup_signs_the_agent_in_offers_their_device_groups_and_enrols_in_the_chosen_one()
    {
        AgentWithGroups(Contoso, Fabrikam);
        EnrolmentSucceeds(Fabrikam, "PC-0042");

        // e-mail, password, nickname (empty: the computer name), group number, store the OS login?
        var exit = await SetupAsync("ana@example.com\nagent-password\n\n2\nn\n");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal(new LoginRequest("ana@example.com", "agent-password"), Assert.Single(endpoint.Api.To(Routes.Login)).Json<LoginRequest>());
        Assert.Equal("Bearer at1.agent-token", Assert.Single(endpoint.Api.To(Routes.Me)).Authorization);
        Assert.Equal(
            new EnrollRequest(EnrollMethods.Portal, endpoint.MachineKey, "PC-0042", "Ubuntu 24.04.1 LTS (test)", Email: "ana@example.com",
                Password: "agent-password", Nickname: "PC-0042", DeviceGroupId: Fabrikam.Id, CredentialStored: false),
            SentEnrolment());
        Assert.Contains("  1) Contoso Ltd", endpoint.Error.Text);
        Assert.Contains("  2) Fabrikam", endpoint.Error.Text);
        Assert.Contains($"Enrolled as PC-0042 ({deviceId}) in device group Fabrikam ({Fabrikam.Id})", endpoint.Out.Text);
        var identity = endpoint.Store.Load();
        Assert.Equal((Server, deviceId, "dt1.device-token", Fabrikam.Id), (identity!.Server, identity.DeviceId, identity.DeviceToken, identity.DeviceGroupId));
        Assert.False(new CredentialVault(endpoint.Store.Directory).HasCredential);
    }

    [Fact]
    public async Task Options_answer_every_question_but_the_password_which_comes_from_standard_input()
    {
        AgentWithGroups(Contoso, Fabrikam);
        EnrolmentSucceeds(Contoso, "Front desk");

        var exit = await SetupAsync("agent-password\n",
            "--email", "ana@example.com", "--password-stdin", "--nickname", "Front desk", "--device-group", "contoso ltd", "--store-credential", "no");

        Assert.Equal(ExitCodes.Success, exit);
        var sent = SentEnrolment();
        Assert.Equal(("Front desk", Contoso.Id, false), (sent.Nickname, sent.DeviceGroupId, sent.CredentialStored));
        Assert.DoesNotContain("1)", endpoint.Error.Text);
    }

    [Fact]
    public async Task A_stored_OS_login_stays_encrypted_on_this_computer_and_the_broker_learns_only_that_one_is_stored()
    {
        AgentWithGroups(Contoso);
        EnrolmentSucceeds(Contoso, "PC-0042");

        var exit = await SetupAsync("agent-password\n\n\ny\nCONTOSO\\frontdesk\nos-password-42\n", "--email", "ana@example.com", "--password-stdin");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.True(SentEnrolment().CredentialStored);
        Assert.DoesNotContain("os-password-42", string.Concat(endpoint.Api.Requests.Select(request => request.Body)));
        Assert.DoesNotContain("os-password-42", endpoint.Out.Text + endpoint.Error.Text);
        Assert.Equal(new OsCredential(@"CONTOSO\frontdesk", "os-password-42"), new CredentialVault(endpoint.Store.Directory).Load());
    }

    [Fact]
    public async Task A_wrong_agent_password_ends_setup_with_exit_code_3_and_enrols_nothing()
    {
        endpoint.Api.On(HttpMethod.Post, Routes.Login, () => FakeBrokerApi.Problem(
            HttpStatusCode.Unauthorized, "The e-mail address or the password is wrong.", "Sign-in failed"));

        var exit = await SetupAsync("ana@example.com\nwrong-password\n");

        Assert.Equal(ExitCodes.SignInFailed, exit);
        Assert.Contains("error: The e-mail address or the password is wrong. (401 Unauthorized)", endpoint.Error.Text);
        Assert.Empty(endpoint.Api.To(Routes.Enroll));
        Assert.False(File.Exists(endpoint.ConfigPath));
    }

    [Fact]
    public async Task An_agent_without_device_groups_is_told_that_an_admin_must_assign_one()
    {
        AgentWithGroups();

        var exit = await SetupAsync("ana@example.com\nagent-password\n");

        Assert.Equal(ExitCodes.EnrollmentRefused, exit);
        Assert.Contains("ana@example.com has no device group to put this computer in", endpoint.Error.Text);
        Assert.Empty(endpoint.Api.To(Routes.Enroll));
    }

    [Fact]
    public async Task An_unreachable_broker_ends_setup_with_exit_code_6()
    {
        endpoint.Api.On(HttpMethod.Post, Routes.Login, () => throw new HttpRequestException("Name or service not known (broker.example.com:443)"));

        var exit = await SetupAsync("ana@example.com\nagent-password\n");

        Assert.Equal(ExitCodes.Unreachable, exit);
        Assert.Contains($"error: cannot reach the broker at {Server}: Name or service not known", endpoint.Error.Text);
    }

    [Fact]
    public async Task Throttled_sign_ins_say_when_to_try_again_with_exit_code_7()
    {
        endpoint.Api.On(HttpMethod.Post, Routes.Login, () => FakeBrokerApi.Problem(
            HttpStatusCode.TooManyRequests, "Too many failed sign-ins. Try again in 30 seconds.", "Too many attempts", retryAfter: TimeSpan.FromSeconds(30)));

        var exit = await SetupAsync("ana@example.com\nagent-password\n");

        Assert.Equal(ExitCodes.Throttled, exit);
        Assert.Contains("error: Too many failed sign-ins. Try again in 30 seconds. (429 Too Many Requests)", endpoint.Error.Text);
    }

    [Fact]
    public async Task A_refused_enrolment_lists_the_reasons_and_leaves_no_OS_login_behind()
    {
        AgentWithGroups(Contoso);
        endpoint.Api.On(HttpMethod.Post, Routes.Enroll, () => FakeBrokerApi.Problem(
            HttpStatusCode.BadRequest, null, "One or more validation errors occurred.", new() { ["nickname"] = ["A name is required."] }));

        var exit = await SetupAsync("agent-password\nCONTOSO\\frontdesk\nos-password-42\n", "--email", "ana@example.com", "--password-stdin",
            "--device-group", Contoso.Id.ToString(), "--nickname", "x", "--store-credential", "yes");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("  nickname: A name is required.", endpoint.Error.Text);
        Assert.False(File.Exists(endpoint.ConfigPath));
        Assert.False(new CredentialVault(endpoint.Store.Directory).HasCredential);
    }

    [Fact]
    public async Task A_device_group_that_is_not_the_agent_s_is_refused_with_the_choices()
    {
        AgentWithGroups(Contoso, Fabrikam);

        var exit = await SetupAsync("agent-password\n", "--email", "ana@example.com", "--password-stdin", "--device-group", "Northwind");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("'Northwind' is none of ana@example.com's device groups", endpoint.Error.Text);
        Assert.Contains($"  Fabrikam ({Fabrikam.Id})", endpoint.Error.Text);
    }

    [Fact]
    public async Task A_yes_or_no_option_takes_only_yes_or_no()
    {
        var exit = await SetupAsync("", "--store-credential", "maybe");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("'maybe' is not a valid value for --store-credential: use yes or no", endpoint.Error.Text);
        Assert.Empty(endpoint.Api.Requests);
    }

    [Fact]
    public async Task Ctrl_C_at_a_question_ends_setup_at_once_with_exit_code_130()
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        using var nobodyAnswers = new SilentReader();
        var setup = EndpointProgram.RunAsync(
            ["setup", "--server", Server, "--config", endpoint.ConfigPath], endpoint.Out, endpoint.Error, nobodyAnswers, endpoint.Environment, stop.Token);
        await endpoint.Error.WaitForAsync("Agent e-mail address:");

        stop.Cancel();

        Assert.Equal(ExitCodes.Interrupted, await setup.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        Assert.Contains("error: interrupted", endpoint.Error.Text);
    }
}
