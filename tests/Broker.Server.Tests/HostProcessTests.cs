using System.Net;
using System.Text.Json;
using Broker.Contracts;
using Broker.Testing;

namespace Broker.Server.Tests;

/// <summary>The built broker as a process, configured the way infra/ configures it: environment variables only.</summary>
public sealed class HostProcessTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_host_listens_where_ASPNETCORE_URLS_says_and_writes_json_logs_when_asked()
    {
        var data = BrokerHost.NewDataPath();
        var port = LoopbackPort.Next();
        var environment = Environment(data, port);
        environment["Logging__Console__FormatterName"] = "json";
        try
        {
            await using var host = EndpointProcess.Start(BuiltProgram.Locate(Path.Combine("src", "Broker.Server"), "Broker.Server.dll"), [], data, environment);
            var listening = await host.WaitForLineAsync("Now listening on");

            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            await DeviceConnection.Eventually(async () => (await http.GetAsync(Routes.HealthReady, Cancel)).StatusCode == HttpStatusCode.OK,
                $"the host is ready on port {port}", TimeSpan.FromSeconds(60));
            var log = JsonDocument.Parse(listening).RootElement;
            Assert.Equal("Microsoft.Hosting.Lifetime", log.GetProperty("Category").GetString());
            Assert.Equal($"http://127.0.0.1:{port}", log.GetProperty("State").GetProperty("address").GetString());
            Assert.Contains("broker_devices_connected", await http.GetStringAsync("/metrics", Cancel));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Kubernetes_hosting_is_off_unless_switched_on_and_then_needs_the_pod_s_variables()
    {
        var data = BrokerHost.NewDataPath();
        var environment = Environment(data, LoopbackPort.Next());
        environment["Broker__Kubernetes__Enabled"] = "true";
        try
        {
            await using var host = EndpointProcess.Start(BuiltProgram.Locate(Path.Combine("src", "Broker.Server"), "Broker.Server.dll"), [], data, environment);

            Assert.NotEqual(0, await host.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains("POD_NAMESPACE", host.Output);
        }
        finally
        {
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    /// <summary>What a unit file or container gives the host, on free loopback ports; no POD_* variables (not in a pod).</summary>
    private static Dictionary<string, string> Environment(string data, int port) => new()
    {
        ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
        ["Broker__DataPath"] = data,
        ["Broker__SiloPort"] = LoopbackPort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Broker__GatewayPort"] = LoopbackPort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Broker__Bootstrap__AdminEmail"] = BrokerHost.AdminEmail,
        ["Broker__Bootstrap__AdminPassword"] = BrokerHost.AdminPassword,
        ["POD_NAMESPACE"] = "",
        ["POD_NAME"] = "",
        ["POD_IP"] = "",
    };
}
