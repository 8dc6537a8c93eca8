using System.Net;
using Broker.Contracts;
using Broker.Contracts.Auth;
using Broker.Contracts.Me;
using Broker.Server.Auth;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Broker.Grains.Agents;

namespace Broker.Server.Tests;

[Collection(HostCollection.Name)]
public sealed class AuthTests(HostFixture fixture)
{
    private BrokerHost Host => fixture.Host;

    [Fact]
    public async Task A_token_from_login_opens_the_api_until_it_expires()
    {
        using var anonymous = ApiClient.Anonymous(Host);
        var login = await anonymous.PostAsync(Routes.Login, new LoginRequest(BrokerHost.AdminEmail, BrokerHost.AdminPassword));
        var token = await login.ExpectAsync<LoginResponse>(HttpStatusCode.OK);

        Assert.InRange(token.ExpiresAt, DateTimeOffset.UtcNow.AddHours(7), DateTimeOffset.UtcNow.AddHours(9));
        anonymous.UseToken(token.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(Routes.Me)).StatusCode);
    }

    [Theory]
    [InlineData(BrokerHost.AdminEmail, "wrong-password")]
    [InlineData("nobody@example.test", BrokerHost.AdminPassword)]
    public async Task Wrong_credentials_are_refused_with_the_same_words_for_unknown_accounts(string email, string password)
    {
        using var anonymous = ApiClient.Anonymous(Host);

        var problem = await (await anonymous.PostAsync(Routes.Login, new LoginRequest(email, password))).ExpectProblemAsync(HttpStatusCode.Unauthorized);

        Assert.Equal("The e-mail address or the password is wrong.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_login_without_an_email_address_is_a_validation_error()
    {
        using var anonymous = ApiClient.Anonymous(Host);

        await (await anonymous.PostAsync(Routes.Login, new LoginRequest(null, "x"))).ExpectValidationErrorAsync("email");
    }

    [Theory]
    [InlineData("/api/me")]
    [InlineData("/api/user-groups")]
    [InlineData("/api/agents")]
    [InlineData("/api/device-groups")]
    [InlineData("/api/audit")]
    public async Task Without_a_token_every_route_answers_401(string path)
    {
        using var anonymous = ApiClient.Anonymous(Host);

        await (await anonymous.GetAsync(path)).ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused()
    {
        var issuer = new TokenIssuer(new KeyRing(
                Options.Create(new BrokerOptions { Mode = BrokerMode.Cluster }),
                Options.Create(new AuthOptions { SigningKey = Convert.ToBase64String(new byte[64]) })),
            Options.Create(new AuthOptions()), TimeProvider.System);
        var admin = await AdminCredential();
        using var client = ApiClient.Anonymous(Host);
        client.UseToken(issuer.Issue(admin).AccessToken);

        await (await client.GetAsync(Routes.Me)).ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var lastYear = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-1));
        var issuer = new TokenIssuer(Host.Services.GetRequiredService<KeyRing>(), Options.Create(new AuthOptions { TokenLifetime = TimeSpan.FromMinutes(5) }), lastYear);
        using var client = ApiClient.Anonymous(Host);
        client.UseToken(issuer.Issue(await AdminCredential()).AccessToken);

        await (await client.GetAsync(Routes.Me)).ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_agent_calling_an_admin_route_gets_403()
    {
        using var admin = await fixture.AdminAsync();
        var group = await admin.CreateUserGroupAsync();
        var (agent, password) = await admin.CreateAgentAsync(group.Id);
        using var client = await ApiClient.SignInAsync(Host, agent.Email, password);

        await (await client.GetAsync(Routes.Agents)).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await client.PostAsync(Routes.UserGroups, new { name = "x" })).ExpectProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Routes.Me)).StatusCode);
    }

    [Fact]
    public async Task Deleting_an_agent_ends_its_tokens_at_once()
    {
        using var admin = await fixture.AdminAsync();
        var group = await admin.CreateUserGroupAsync();
        var (agent, password) = await admin.CreateAgentAsync(group.Id);
        using var client = await ApiClient.SignInAsync(Host, agent.Email, password);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(Routes.Agent(agent.Id))).StatusCode);

        await (await client.GetAsync(Routes.Me)).ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Changing_the_password_ends_the_old_token_and_the_new_password_works()
    {
        using var admin = await fixture.AdminAsync();
        var group = await admin.CreateUserGroupAsync();
        var (agent, password) = await admin.CreateAgentAsync(group.Id);
        using var client = await ApiClient.SignInAsync(Host, agent.Email, password);
        var oldToken = client.Http.DefaultRequestHeaders.Authorization!.Parameter;

        var changed = await (await client.PostAsync(Routes.MePassword, new ChangePasswordRequest(password, "a-brand-new-password")))
            .ExpectAsync<LoginResponse>(HttpStatusCode.OK);

        client.UseToken(oldToken);
        await (await client.GetAsync(Routes.Me)).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        client.UseToken(changed.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Routes.Me)).StatusCode);
        using var again = await ApiClient.SignInAsync(Host, agent.Email, "a-brand-new-password");
    }

    [Fact]
    public async Task A_password_change_needs_the_current_password()
    {
        using var admin = await fixture.AdminAsync();
        var group = await admin.CreateUserGroupAsync();
        var (agent, password) = await admin.CreateAgentAsync(group.Id);
        using var client = await ApiClient.SignInAsync(Host, agent.Email, password);

        await (await client.PostAsync(Routes.MePassword, new ChangePasswordRequest("not-the-password", "a-brand-new-password")))
            .ExpectValidationErrorAsync("currentPassword");
        await (await client.PostAsync(Routes.MePassword, new ChangePasswordRequest(password, "short")))
            .ExpectValidationErrorAsync("newPassword");
    }

    [Fact]
    public async Task Repeated_failures_lock_the_account_even_for_the_right_password()
    {
        using var admin = await fixture.AdminAsync();
        var group = await admin.CreateUserGroupAsync();
        var (agent, password) = await admin.CreateAgentAsync(group.Id);
        using var anonymous = ApiClient.Anonymous(Host);
        for (var i = 0; i < 5; i++)
        {
            await (await anonymous.PostAsync(Routes.Login, new LoginRequest(agent.Email, "wrong-password"))).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        }

        var locked = await anonymous.PostAsync(Routes.Login, new LoginRequest(agent.Email, password));

        await locked.ExpectProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(locked.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    private async Task<AgentCredential> AdminCredential()
    {
        var grains = Host.Services.GetRequiredService<IGrainFactory>();
        var id = await grains.GetGrain<IAgentDirectoryGrain>(AgentDirectoryGrain.Key).Find(BrokerHost.AdminEmail);
        return (await grains.GetGrain<IAgentGrain>(id!.Value).GetCredential())!;
    }
}
