using Broker.Contracts;
using Broker.Contracts.Hubs;
using Broker.Grains.Devices;
using Broker.Server.Hubs;
using Broker.Server.Live;
using Broker.Server.Installers;
using Broker.Grains.DeviceGroups;
using Broker.Grains.Sessions;
using Broker.Server.Api;
using Broker.Server.Audit;
using Broker.Server.Auth;
using Broker.Server.Health;
using Broker.Server.Operations;
using Broker.Server.Storage;
using Broker.Server.WebConsole;
using FluentValidation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace Broker.Server;

/// <summary>What a broker host is made of, registered and mapped in one place.</summary>
public static class BrokerServerExtensions
{
    /// <summary>
    /// One message on the device hub: a frame of at most 4 MiB of data as JSON (base64: 4/3 of it) plus its envelope.
    /// Every other hub keeps SignalR's 32 KB default.
    /// </summary>
    public const long DeviceHubMaximumMessageSize = Frame.MaxDataBytes / 3 * 4 + 64 * 1024;

    /// <summary>Where a host listens when nothing else is configured.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static WebApplicationBuilder AddBrokerServer(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<BrokerOptions>().BindConfiguration(BrokerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(BrokerOptions.Section).Get<BrokerOptions>() ?? new BrokerOptions();

        // Loopback by default, so a first start exposes nothing; --urls, ASPNETCORE_URLS, Urls or Kestrel:Endpoints choose.
        // In code, not appsettings.json, whose "Urls" would outrank ASPNETCORE_URLS (a unit file's or an image's setting).
        if (new[] { "urls", "http_ports", "https_ports" }.All(key => string.IsNullOrEmpty(builder.Configuration[key]))
            && !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // Kestrel:Limits (MaxConcurrentConnections, MaxConcurrentUpgradedConnections, …) from configuration, which ASP.NET Core
        // does not bind by itself: a process that runs out of file descriptors aborts, so cap connections below its limit.
        builder.Services.Configure<KestrelServerOptions>(kestrel => builder.Configuration.GetSection("Kestrel:Limits").Bind(kestrel.Limits));
        builder.Services.Configure<SocketTransportOptions>(sockets => sockets.Backlog = options.ListenBacklog);

        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddBrokerStorage(options);
        builder.AddBrokerAuthentication();
        builder.AddBrokerHealthChecks();
        builder.AddInstallerStore(options);
        builder.AddBrokerOperations();

        builder.Services.AddSingleton(sp => new EnrollmentCodeMinter(sp.GetRequiredService<KeyRing>().EnrollmentKey));
        builder.Services.AddSingleton<IAuditLog, SqlAuditLog>();
        builder.Services.AddScoped<AuditTrail>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddValidatorsFromAssemblyContaining<ValidationFilter>(includeInternalTypes: true);

        builder.Services.ConfigureHttpJsonOptions(json => BrokerJson.Configure(json.SerializerOptions));
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddExceptionHandler<HostLossExceptionHandler>();
        builder.Services.AddOpenApi();
        builder.Services.AddSignalR(hub => hub.EnableDetailedErrors = false)
            .AddJsonProtocol(json => BrokerJson.Configure(json.PayloadSerializerOptions))
            .AddMessagePackProtocol()
            .AddHubOptions<DeviceHub>(hub => hub.MaximumReceiveMessageSize = DeviceHubMaximumMessageSize);
        builder.Services.AddOptions<PresenceOptions>().BindConfiguration(PresenceOptions.Section);
        builder.Services.AddOptions<BrokerSessionOptions>().BindConfiguration(BrokerSessionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<LiveFeeds>();
        builder.Services.AddSingleton<DeviceContexts>();
        builder.Services.AddSingleton<HubRelay>();
        builder.Services.AddSingleton<LocalConnections>();
        builder.Services.AddHostedService<ConnectionRefresher>();
        builder.Services.AddHostedService<DeviceDrain>();

        // Nothing of ours is protected with data protection: its keys go to the data folder instead of the user profile in
        // Local mode, and stay in memory in Cluster mode, where a host has no folder of its own to keep.
        var dataProtection = builder.Services.AddDataProtection();
        if (options.Mode == BrokerMode.Local)
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(options.FullDataPath, "keys", "data-protection")));
        }
        else
        {
            dataProtection.UseEphemeralDataProtectionProvider();
        }
        return builder;
    }

    public static WebApplication MapBroker(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseWebConsole();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapOpenApi().AllowAnonymous();
        app.MapBrokerHealth();
        app.MapAuthApi();
        app.MapMeApi();
        app.MapUserGroupApi();
        app.MapAgentApi();
        app.MapDeviceGroupApi();
        app.MapAuditApi();
        app.MapEnrollApi();
        app.MapDeviceApi();
        app.MapHub<DeviceHub>(HubRoutes.Device);
        app.MapHub<AgentHub>(HubRoutes.Agent);
        app.MapSessionApi();
        app.MapInstallerApi();
        app.MapBrokerOperations();
        return app;
    }
}
