using System.Security.Claims;
using System.Text.Encodings.Web;
using Broker.Grains.Common;
using Broker.Grains.Devices;
using Broker.Grains.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Broker.Server.Auth;

/// <summary>
/// Authenticates an endpoint by its device token, or a customer's endpoint in an attended session by its session token (<c>access_token</c> in the query, as SignalR sends it, or a bearer
/// header). The token names its device; the device's grain compares it with the stored hash, so a removed device or
/// a replaced token is refused at once.
/// </summary>
public sealed class DeviceTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IGrainFactory grains) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "DeviceToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = Request.Query["access_token"].FirstOrDefault()
            ?? (Request.Headers.Authorization.FirstOrDefault() is { } header && header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..] : null);
        if (string.IsNullOrEmpty(token))
        {
            return AuthenticateResult.NoResult();
        }

        if (SecretTokens.Session.OwnerOf(token) is { } sessionId)
        {
            return await grains.GetGrain<ISessionGrain>(sessionId).VerifyCustomerToken(token)
                ? Success(sessionId, BrokerClaims.CustomerKind)
                : AuthenticateResult.Fail("The session token is not valid: the session ended or does not exist.");
        }

        if (SecretTokens.Device.OwnerOf(token) is not { } deviceId || !await grains.GetGrain<IDeviceGrain>(deviceId).VerifyToken(token))
        {
            return AuthenticateResult.Fail("The device token is not valid: the device was removed or enrolled again.");
        }

        return Success(deviceId, BrokerClaims.DeviceKind);
    }

    private static AuthenticateResult Success(Guid subject, string kind)
    {
        var identity = new ClaimsIdentity([new Claim(BrokerClaims.Subject, subject.ToString()), new Claim(BrokerClaims.Kind, kind)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
