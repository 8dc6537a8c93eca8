using System.Net;
using Broker.Contracts;
using Broker.Contracts.Hubs;

namespace Broker.Console.Tests;

/// <summary>The broker serves the console at / beside its API, hubs and OpenAPI document, which keep answering as before.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleServingTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task The_console_is_served_at_the_root_with_a_content_security_policy()
    {
        using var http = fixture.Host.CreateClient();
        var index = await http.GetAsync("/", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Equal("text/html", index.Content.Headers.ContentType?.MediaType);
        Assert.Contains("console.js", await index.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Contains("default-src 'self'", index.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("no-cache", index.Headers.CacheControl?.ToString());

        var script = await http.GetAsync("/console.js", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/console.css", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Api_routes_hubs_and_openapi_answer_as_before_and_nothing_else_falls_back_to_the_console()
    {
        using var http = fixture.Host.CreateClient();
        var unknown = await http.GetAsync("/api/no-such-route", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.NotEqual("text/html", unknown.Content.Headers.ContentType?.MediaType);

        var me = await http.GetAsync(Routes.Me, TestContext.Current.CancellationToken);
        await me.ExpectProblemAsync(HttpStatusCode.Unauthorized);

        var openApi = await http.GetAsync(Routes.OpenApi, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
        Assert.Contains("/api/sessions", await openApi.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        var negotiate = await http.PostAsync($"{HubRoutes.Agent}/negotiate?negotiateVersion=1", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, negotiate.StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/devices", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(Routes.HealthLive, TestContext.Current.CancellationToken)).StatusCode);
    }
}
