using System.Diagnostics.Metrics;
using Orleans.Dashboard;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Broker.Grains.Sessions;
using Broker.Server.Auth;

namespace Broker.Server.Operations;

/// <summary>
/// What an operator runs the broker with: OpenTelemetry metrics (the broker's, Orleans', ASP.NET Core's and the runtime's)
/// scraped at <c>/metrics</c>, the Orleans Dashboard for admins, and optionally Orleans' Kubernetes hosting.
/// </summary>
public static class OperationsExtensions
{
    public const string MetricsRoute = "/metrics";

    /// <summary>The OpenTelemetry service name (<c>target_info</c> in a scrape).</summary>
    public const string ServiceName = "broker";

    /// <summary>Orleans' own meter (silo, grains, messaging, membership).</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    public static WebApplicationBuilder AddBrokerOperations(this WebApplicationBuilder builder)
    {
        var metrics = builder.Configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>() ?? new MetricsOptions();
        var dashboard = builder.Configuration.GetSection(DashboardOptions.Section).Get<DashboardOptions>() ?? new DashboardOptions();
        var kubernetes = builder.Configuration.GetSection(KubernetesOptions.Section).Get<KubernetesOptions>() ?? new KubernetesOptions();

        var scope = new BrokerMetricsScope();
        builder.Services.AddSingleton(scope);
        builder.Services.AddSingleton<BrokerMetrics>();
        builder.Services.AddSingleton<IFrameRelayMetrics>(services => services.GetRequiredService<BrokerMetrics>());
        builder.Services.AddSingleton(new MetricsGate(metrics.Networks()));
        if (metrics.Enabled)
        {
            builder.Services.AddOpenTelemetry()
                .ConfigureResource(resource => resource.AddService(ServiceName))
                .WithMetrics(meters => meters
                    .AddMeter(BrokerMetrics.MeterName, OrleansMeter)
                    .AddView(OtherHostsDropped(scope))
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    // Every scrape reads the instruments afresh (the exporter's default reuses a response for 300 ms).
                    .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));
        }

        // Request-start logs carry the query string, where a browser's SignalR client puts its access token: capped.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);

        if (dashboard.Enabled)
        {
            builder.Services.AddDashboardCookie();
        }

        builder.UseOrleans(silo =>
        {
            if (dashboard.Enabled)
            {
                silo.AddDashboard();
            }

            if (kubernetes.Enabled)
            {
                silo.UseKubernetesHosting();
            }
        });
        return builder;
    }

    /// <summary>
    /// Another host's <c>Broker</c> meter in this process is not this host's: a MeterListener sees every meter of a name,
    /// whoever made it. One host per process in production; several in the tests.
    /// </summary>
    private static Func<Instrument, MetricStreamConfiguration?> OtherHostsDropped(BrokerMetricsScope own) =>
        instrument => instrument.Meter.Name == BrokerMetrics.MeterName && !ReferenceEquals(instrument.Meter.Scope, own)
            ? MetricStreamConfiguration.Drop
            : null;

    public static WebApplication MapBrokerOperations(this WebApplication app)
    {
        var metrics = app.Configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>() ?? new MetricsOptions();
        if (metrics.Enabled)
        {
            var gate = app.Services.GetRequiredService<MetricsGate>();
            app.MapPrometheusScrapingEndpoint(MetricsRoute, meterProvider: null,
                configureBranchedPipeline: branch => branch.Use(gate.InvokeAsync), optionsName: null).AllowAnonymous();
        }

        var dashboard = app.Configuration.GetSection(DashboardOptions.Section).Get<DashboardOptions>() ?? new DashboardOptions();
        if (dashboard.Enabled)
        {
            app.MapOrleansDashboard(routePrefix: DashboardOptions.Route).RequireAuthorization(Policies.Admin);
            app.MapDashboardSignIn();
        }

        return app;
    }
}
