using System.Net;
using Broker.Server.Operations;

namespace Broker.Server.Tests;

/// <summary>What an operator switches: <c>/metrics</c> restricted to networks or off, the dashboard off, bad settings refused.</summary>
public sealed class OperationsSettingsTests
{
    [Fact]
    public async Task Metrics_restricted_to_other_networks_refuse_this_address_and_a_disabled_dashboard_is_not_there()
    {
        await using var host = await BrokerHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Broker:Metrics:AllowedNetworks:0"] = "10.0.0.0/8",
            ["Broker:Dashboard:Enabled"] = "false",
        });
        using var admin = await ApiClient.SignInAsync(host, BrokerHost.AdminEmail, BrokerHost.AdminPassword);

        var refused = await admin.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(Broker.Contracts.Routes.HealthReady)).StatusCode);
    }

    [Fact]
    public async Task Metrics_switched_off_are_not_served()
    {
        await using var host = await BrokerHost.StartAsync(settings: new Dictionary<string, string?> { ["Broker:Metrics:Enabled"] = "false" });
        using var anonymous = ApiClient.Anonymous(host);

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/metrics")).StatusCode);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("192.168.1.1", false)]
    [InlineData("::1", false)]
    public void The_metrics_gate_admits_addresses_of_its_networks_only(string address, bool admitted)
    {
        var gate = new MetricsGate(new MetricsOptions { AllowedNetworks = ["127.0.0.0/8", " 10.0.0.0/8"] }.Networks());

        Assert.Equal(admitted, gate.Admits(IPAddress.Parse(address)));
        Assert.True(new MetricsGate([]).Admits(IPAddress.Parse(address)));
    }

    [Fact]
    public void A_malformed_network_is_refused_with_its_name()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new MetricsOptions { AllowedNetworks = ["10.0.0.0/8", "intranet"] }.Networks());

        Assert.Contains("'intranet'", error.Message);
        Assert.Contains("Broker:Metrics:AllowedNetworks", error.Message);
    }
}
