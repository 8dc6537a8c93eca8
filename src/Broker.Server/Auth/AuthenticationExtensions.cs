using Broker.Grains.Agents;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Broker.Server.Auth;

/// <summary>Bearer authentication for agents and admins, and the policies routes ask for.</summary>
public static class AuthenticationExtensions
{
    public static IHostApplicationBuilder AddBrokerAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations()
            .Validate<IOptions<BrokerOptions>>(
                (auth, broker) => broker.Value.Mode == BrokerMode.Local || (!string.IsNullOrWhiteSpace(auth.SigningKey) && !string.IsNullOrWhiteSpace(auth.EnrollmentKey)),
                $"{AuthOptions.Section}:SigningKey and {AuthOptions.Section}:EnrollmentKey must be set in Cluster mode, the same on every host " +
                "(each the base64 of 32 or more random bytes, e.g. from `openssl rand -base64 48`).")
            .ValidateOnStart();
        builder.Services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.Section);
        builder.Services.AddSingleton<KeyRing>();
        builder.Services.AddSingleton<PasswordHasher>();
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddSingleton<LoginService>();
        builder.Services.AddHostedService<BootstrapAdmin>();

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer()
            .AddScheme<AuthenticationSchemeOptions, DeviceTokenAuthenticationHandler>(DeviceTokenAuthenticationHandler.SchemeName, null);
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<TokenIssuer>((options, issuer) =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = BrokerClaims.Issuer,
                    ValidAudience = BrokerClaims.Audience,
                    IssuerSigningKey = issuer.SigningKey,
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    NameClaimType = BrokerClaims.Email,
                    RoleClaimType = BrokerClaims.Role,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                options.Events = new JwtBearerEvents
                {
                    // SignalR's browser client cannot set headers on WebSockets; it sends the token in the query string.
                    OnMessageReceived = context =>
                    {
                        if (context.Request.Path.StartsWithSegments("/hubs")
                            && context.Request.Query["access_token"] is { Count: > 0 } token)
                        {
                            context.Token = token;
                        }

                        return Task.CompletedTask;
                    },
                    OnTokenValidated = RejectStaleToken,
                };
            });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Agent, policy => policy.RequireClaim(BrokerClaims.Kind, BrokerClaims.AgentKind))
            .AddPolicy(Policies.Admin, policy => policy.RequireClaim(BrokerClaims.Kind, BrokerClaims.AgentKind).RequireRole("admin"))
            .AddPolicy(Policies.Device, policy => policy
                .AddAuthenticationSchemes(DeviceTokenAuthenticationHandler.SchemeName)
                .RequireClaim(BrokerClaims.Kind, BrokerClaims.DeviceKind, BrokerClaims.CustomerKind));
        return builder;
    }

    /// <summary>A token dies with its account, and with a password or role change (the security stamp moves on).</summary>
    private static async Task RejectStaleToken(TokenValidatedContext context)
    {
        if (context.Principal is not { } user || !Guid.TryParse(user.FindFirst(BrokerClaims.Subject)?.Value, out var id))
        {
            context.Fail("The token names no account.");
            return;
        }

        var grains = context.HttpContext.RequestServices.GetRequiredService<IGrainFactory>();
        var agent = await grains.GetGrain<IAgentGrain>(id).GetCredential();
        if (agent is null || agent.SecurityStamp != user.SecurityStamp())
        {
            context.Fail("The token is no longer valid; sign in again.");
        }
    }
}
