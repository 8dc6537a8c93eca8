using System.Globalization;
using System.Security.Claims;
using Broker.Contracts.Auth;
using Broker.Grains.Agents;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Broker.Server.Auth;

/// <summary>Issues the bearer tokens of agents and admins: HMAC-SHA256 JWTs carrying the account's security stamp.</summary>
public sealed class TokenIssuer(KeyRing keys, IOptions<AuthOptions> options, TimeProvider clock)
{
    private readonly JsonWebTokenHandler _handler = new();

    public SymmetricSecurityKey SigningKey => new(keys.SigningKey);

    public LoginResponse Issue(AgentCredential agent)
    {
        var now = clock.GetUtcNow();
        var expires = now + options.Value.TokenLifetime;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = BrokerClaims.Issuer,
            Audience = BrokerClaims.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Subject = new ClaimsIdentity(
            [
                new Claim(BrokerClaims.Subject, agent.Id.ToString()),
                new Claim(BrokerClaims.Email, agent.Email),
                new Claim(BrokerClaims.Name, agent.DisplayName),
                new Claim(BrokerClaims.Role, agent.Role.ToString().ToLowerInvariant()),
                new Claim(BrokerClaims.Stamp, agent.SecurityStamp.ToString(CultureInfo.InvariantCulture)),
                new Claim(BrokerClaims.Kind, BrokerClaims.AgentKind),
            ]),
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.HmacSha256),
        });
        return new LoginResponse(token, expires);
    }
}
