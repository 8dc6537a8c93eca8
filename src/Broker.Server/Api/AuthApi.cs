using System.Globalization;
using Broker.Contracts.Auth;
using Broker.Server.Audit;
using Broker.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broker.Server.Api;

/// <summary>Signing in: an e-mail address and password for a bearer token.</summary>
public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("api/auth").WithTags("Auth").AllowAnonymous().AddEndpointFilter<ValidationFilter>();
        api.MapPost("login", Login);
        return routes;
    }

    public static async Task<Results<Ok<LoginResponse>, ValidationProblem, ProblemHttpResult>> Login(
        LoginRequest request, HttpContext http, LoginService logins, AuditTrail audit)
    {
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var outcome = await logins.LoginAsync(request.Email!, request.Password!, address);
        if (outcome.Token is { } token)
        {
            await audit.RecordAsActorAsync(request.Email!.Trim(), "auth.login", request.Email.Trim(), AuditOutcomes.Success);
            return TypedResults.Ok(token);
        }

        if (outcome.RetryAfter is { } wait)
        {
            await audit.RecordAsActorAsync(request.Email!.Trim(), "auth.login", request.Email.Trim(), AuditOutcomes.Denied, "throttled");
            return TooManyAttempts(http, wait);
        }

        await audit.RecordAsActorAsync(request.Email!.Trim(), "auth.login", request.Email.Trim(), AuditOutcomes.Failure, "wrong e-mail address or password");
        return TypedResults.Problem(
            detail: "The e-mail address or the password is wrong.", statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");
    }

    /// <summary>429 with Retry-After, in whole seconds.</summary>
    public static ProblemHttpResult TooManyAttempts(HttpContext http, TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            detail: $"Too many failed sign-ins. Try again in {seconds} seconds.",
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many attempts");
    }
}
