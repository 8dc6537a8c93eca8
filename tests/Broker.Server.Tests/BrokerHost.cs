using Broker.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Broker.Server.Tests;

/// <summary>
/// A real broker host in this process: Kestrel on a free loopback port, its own silo on free ports, Local mode
/// on a data folder of the test's choosing. Tests talk to it over real HTTP.
/// </summary>
public sealed class BrokerHost : IAsyncDisposable
{
    public const string AdminEmail = "admin@example.test";
    public const string AdminPassword = "bootstrap-password-1";

    private readonly WebApplication _app;

    private BrokerHost(WebApplication app, Uri address, string dataPath)
    {
        _app = app;
        Address = address;
        DataPath = dataPath;
    }

    public Uri Address { get; }

    public string DataPath { get; }

    public IServiceProvider Services => _app.Services;

    public static string NewDataPath() => Path.Combine(Path.GetTempPath(), "broker-tests", Guid.NewGuid().ToString("N"));

    /// <summary>This host's silo port, which other hosts of its cluster name as <c>Broker:PrimarySiloPort</c>.</summary>
    public int SiloPort => int.Parse(_app.Configuration["Broker:SiloPort"]!, System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<BrokerHost> StartAsync(
        string? dataPath = null, IDictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? configure = null)
    {
        dataPath ??= NewDataPath();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Broker:DataPath"] = dataPath,
            ["Broker:SiloPort"] = LoopbackPort.Next().ToString(),
            ["Broker:GatewayPort"] = LoopbackPort.Next().ToString(),
            ["Broker:Bootstrap:AdminEmail"] = AdminEmail,
            ["Broker:Bootstrap:AdminPassword"] = AdminPassword,

            // Hashing cost is not under test here; a low count keeps hundreds of logins fast.
            ["Broker:Auth:PasswordIterations"] = "1000",
            ["Logging:LogLevel:Default"] = "Warning",

            // The hosts of a test run would bury the runner's report of a failed test in their expected warnings;
            // BROKER_TEST_CONSOLE_LOGS=Warning (or any level) shows them when a failure needs them.
            ["Logging:Console:LogLevel:Default"] = Environment.GetEnvironmentVariable("BROKER_TEST_CONSOLE_LOGS") ?? "None",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        configure?.Invoke(builder);
        builder.AddBrokerServer();
        var app = builder.Build();
        app.MapBroker();
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BrokerHost(app, new Uri(address), dataPath);
    }

    public HttpClient CreateClient() => new() { BaseAddress = Address };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
