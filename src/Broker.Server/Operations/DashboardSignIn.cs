using System.Net;
using Broker.Server.Audit;
using Broker.Server.Auth;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broker.Server.Operations;

/// <summary>
/// A browser cannot send a bearer header when it opens a page, so an admin signs in to the Orleans Dashboard here: the
/// token goes into an HttpOnly, SameSite=Strict cookie that only <c>/dashboard</c> reads, in place of the header. The
/// dashboard itself still requires the admin policy; the cookie is only another way to carry the same token.
/// </summary>
public static class DashboardSignIn
{
    public const string Route = "/dashboard-sign-in";
    public const string CookieName = "broker-dashboard";

    public static IServiceCollection AddDashboardCookie(this IServiceCollection services) =>
        services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
        {
            var inner = options.Events.OnMessageReceived;
            options.Events.OnMessageReceived = async context =>
            {
                await inner(context);
                if (context.Token is null
                    && context.Request.Path.StartsWithSegments(DashboardOptions.Route)
                    && !context.Request.Headers.Authorization.Any(h => h?.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) == true)
                    && context.Request.Cookies[CookieName] is { Length: > 0 } token)
                {
                    context.Token = token;
                }
            };

            // A browser that opens the dashboard unsigned-in is sent to the sign-in page rather than shown a bare 401.
            var challenge = options.Events.OnChallenge;
            options.Events.OnChallenge = context =>
            {
                if (context.Request.Path.StartsWithSegments(DashboardOptions.Route)
                    && HttpMethods.IsGet(context.Request.Method)
                    && context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase))
                {
                    context.HandleResponse();
                    context.Response.Redirect(Route);
                    return Task.CompletedTask;
                }

                return challenge(context);
            };
        });

    public static IEndpointRouteBuilder MapDashboardSignIn(this IEndpointRouteBuilder routes)
    {
        var page = routes.MapGroup(Route).AllowAnonymous().ExcludeFromDescription();
        page.MapGet("", () => Form(null));
        page.MapPost("", SignIn).DisableAntiforgery();
        return routes;
    }

    public static async Task<Results<RedirectHttpResult, ContentHttpResult>> SignIn(HttpContext http, LoginService logins, AuditTrail audit)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var email = form["email"].ToString().Trim();
        var password = form["password"].ToString();
        if (email.Length == 0 || password.Length == 0)
        {
            return Form("Enter the e-mail address and the password of an admin.", StatusCodes.Status400BadRequest);
        }

        var outcome = await logins.LoginAsync(email, password, http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        if (outcome.Token is not { } token)
        {
            await audit.RecordAsActorAsync(email, "auth.login", email, outcome.RetryAfter is null ? AuditOutcomes.Failure : AuditOutcomes.Denied,
                outcome.RetryAfter is null ? "dashboard: wrong e-mail address or password" : "dashboard: throttled");
            return outcome.RetryAfter is { } wait
                ? Form($"Too many failed sign-ins. Try again in {Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} seconds.", StatusCodes.Status429TooManyRequests)
                : Form("The e-mail address or the password is wrong.", StatusCodes.Status401Unauthorized);
        }

        await audit.RecordAsActorAsync(email, "auth.login", email, AuditOutcomes.Success, "dashboard");
        http.Response.Cookies.Append(CookieName, token.AccessToken, new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = DashboardOptions.Route,
            Expires = token.ExpiresAt,
        });
        return TypedResults.Redirect($"{DashboardOptions.Route}/");
    }

    private static ContentHttpResult Form(string? message, int status = StatusCodes.Status200OK) => TypedResults.Content($$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Broker: sign in to the Orleans Dashboard</title></head>
        <body style="font-family: sans-serif; max-width: 24rem; margin: 4rem auto">
        <h1>Orleans Dashboard</h1>
        <p>Admins only.</p>
        {{(message is null ? "" : $"<p role=\"alert\"><strong>{WebUtility.HtmlEncode(message)}</strong></p>")}}
        <form method="post" action="{{Route}}">
        <p><label>E-mail address<br><input name="email" type="email" autocomplete="username" required></label></p>
        <p><label>Password<br><input name="password" type="password" autocomplete="current-password" required></label></p>
        <p><button type="submit">Sign in</button></p>
        </form>
        </body></html>
        """, "text/html; charset=utf-8", statusCode: status);
}
