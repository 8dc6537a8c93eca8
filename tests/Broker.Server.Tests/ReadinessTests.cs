using System.Net;
using System.Text.Json;
using Broker.Contracts;
using Microsoft.Extensions.Hosting;

namespace Broker.Server.Tests;

/// <summary><c>/health/ready</c> follows this host's silo: ready while it is an active member, not once it leaves.</summary>
public sealed class ReadinessTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_host_that_begins_to_shut_down_is_no_longer_ready_while_it_still_answers()
    {
        await using var host = await BrokerHost.StartAsync();
        using var anonymous = ApiClient.Anonymous(host);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(Routes.HealthReady)).StatusCode);

        // What SIGTERM does first: the host's lifetime says it is stopping, before any service stops.
        host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        var ready = await anonymous.GetAsync(Routes.HealthReady);
        var silo = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("checks").GetProperty("silo");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", silo.GetProperty("status").GetString());
        Assert.Contains("shutting down", silo.GetProperty("description").GetString());
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(Routes.HealthLive)).StatusCode);
    }

    [Fact]
    public async Task A_host_whose_silo_left_the_cluster_is_not_ready()
    {
        await using var host = await BrokerHost.StartAsync();
        using var anonymous = ApiClient.Anonymous(host);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(Routes.HealthReady)).StatusCode);

        // The silo alone stops (as it does when the cluster declares it dead); the web front goes on answering.
        var silo = host.Services.GetServices<IHostedService>().Single(s => s.GetType().FullName == "Orleans.Hosting.SiloHostedService");
        await silo.StopAsync(Cancel);

        var ready = await anonymous.GetAsync(Routes.HealthReady);
        var check = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("checks").GetProperty("silo");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", check.GetProperty("status").GetString());
        Assert.DoesNotContain("shutting down", check.GetProperty("description").GetString());
        Assert.DoesNotContain("Active", check.GetProperty("description").GetString());
    }
}
