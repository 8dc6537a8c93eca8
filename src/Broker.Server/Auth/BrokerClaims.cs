using System.Globalization;
using System.Security.Claims;

namespace Broker.Server.Auth;

/// <summary>The claims of an agent's token and how to read them.</summary>
public static class BrokerClaims
{
    public const string Subject = "sub";
    public const string Email = "email";
    public const string Name = "name";
    public const string Role = "role";
    public const string Stamp = "stamp";
    public const string Kind = "kind";
    public const string AgentKind = "agent";
    public const string DeviceKind = "device";
    public const string CustomerKind = "customer";

    public const string Issuer = "broker";
    public const string Audience = "broker";

    /// <summary>The signed-in account's id.</summary>
    public static Guid AgentId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(Subject), out var id) ? id : throw new InvalidOperationException("The request has no signed-in agent.");

    /// <summary>The connected endpoint's device id.</summary>
    public static Guid DeviceId(this ClaimsPrincipal user) =>
        user.FindFirstValue(Kind) == DeviceKind && Guid.TryParse(user.FindFirstValue(Subject), out var id)
            ? id
            : throw new InvalidOperationException("The request has no authenticated device.");

    /// <summary>Whether the connection is a customer's endpoint in an attended session (rather than an enrolled device).</summary>
    public static bool IsCustomer(this ClaimsPrincipal user) => user.FindFirstValue(Kind) == CustomerKind;

    /// <summary>The attended session a customer's endpoint joined.</summary>
    public static Guid SessionId(this ClaimsPrincipal user) =>
        user.IsCustomer() && Guid.TryParse(user.FindFirstValue(Subject), out var id)
            ? id
            : throw new InvalidOperationException("The request is not from a customer in a session.");

    /// <summary>The signed-in account's e-mail address, as the audit log names the actor.</summary>
    public static string ActorName(this ClaimsPrincipal user) => user.FindFirstValue(Email) ?? "anonymous";

    public static int SecurityStamp(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(Stamp), CultureInfo.InvariantCulture, out var stamp) ? stamp : -1;
}
