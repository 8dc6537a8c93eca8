using System.Net;
using System.Net.Http.Headers;
using Broker.Contracts;
using Broker.Contracts.Audit;

namespace Broker.Server.Tests;

/// <summary>The Orleans Dashboard at <c>/dashboard</c>: admins only, by bearer token or by the browser sign-in's cookie.</summary>
[Collection(HostCollection.Name)]
public sealed class DashboardTests(HostFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_dashboard_answers_admins_only()
    {
        using var admin = await fixture.AdminAsync();
        var group = await admin.CreateUserGroupAsync();
        var (agent, password) = await admin.CreateAgentAsync(group.Id);
        using var signedInAgent = await ApiClient.SignInAsync(fixture.Host, agent.Email, password);
        using var anonymous = ApiClient.Anonymous(fixture.Host);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/dashboard/ClusterStats")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await signedInAgent.GetAsync("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await signedInAgent.GetAsync("/dashboard/ClusterStats")).StatusCode);

        var page = await admin.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<title>Orleans Dashboard</title>", await page.Content.ReadAsStringAsync(Cancel));
        var stats = await admin.GetAsync("/dashboard/ClusterStats");
        Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
        Assert.Equal("application/json", stats.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_browser_signs_in_to_the_dashboard_with_a_cookie_that_nothing_else_accepts()
    {
        using var admin = await fixture.AdminAsync();
        var group = await admin.CreateUserGroupAsync();
        var (agent, agentPassword) = await admin.CreateAgentAsync(group.Id);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = fixture.Host.Address };

        using var open = new HttpRequestMessage(HttpMethod.Get, "/dashboard/");
        open.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        var sentAway = await browser.SendAsync(open, Cancel);
        Assert.Equal(HttpStatusCode.Redirect, sentAway.StatusCode);
        Assert.Equal("/dashboard-sign-in", sentAway.Headers.Location?.OriginalString);
        Assert.Contains("<form method=\"post\"", await (await browser.GetAsync("/dashboard-sign-in", Cancel)).Content.ReadAsStringAsync(Cancel));

        var wrong = await SignInAsync(browser, BrokerHost.AdminEmail, "not-the-password");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.False(wrong.Headers.Contains("Set-Cookie"));

        var cookie = await CookieOfAsync(browser, BrokerHost.AdminEmail, BrokerHost.AdminPassword);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/dashboard", cookie, StringComparison.OrdinalIgnoreCase);
        var value = cookie.Split(';')[0];

        Assert.Equal(HttpStatusCode.OK, (await WithCookieAsync(browser, "/dashboard/ClusterStats", value)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithCookieAsync(browser, Routes.Me, value)).StatusCode);

        var agentCookie = (await CookieOfAsync(browser, agent.Email, agentPassword)).Split(';')[0];
        Assert.Equal(HttpStatusCode.Forbidden, (await WithCookieAsync(browser, "/dashboard/ClusterStats", agentCookie)).StatusCode);

        var signIns = await (await admin.GetAsync($"{Routes.Audit}?actor={Uri.EscapeDataString(agent.Email)}&action=auth.login"))
            .ExpectAsync<AuditEventResponse[]>(HttpStatusCode.OK);
        Assert.Contains(signIns, e => e is { Outcome: "success", Detail: "dashboard" });
    }

    private static Task<HttpResponseMessage> SignInAsync(HttpClient browser, string email, string password) =>
        browser.PostAsync("/dashboard-sign-in", new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = email, ["password"] = password }), Cancel);

    private static async Task<string> CookieOfAsync(HttpClient browser, string email, string password)
    {
        var signedIn = await SignInAsync(browser, email, password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/dashboard/", signedIn.Headers.Location?.OriginalString);
        return Assert.Single(signedIn.Headers.GetValues("Set-Cookie"));
    }

    private static Task<HttpResponseMessage> WithCookieAsync(HttpClient browser, string path, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return browser.SendAsync(request, Cancel);
    }
}
