using Broker.Server.Hubs;
using Microsoft.AspNetCore.Diagnostics;

namespace Broker.Server.Api;

/// <summary>
/// A request that needed a grain on a host the cluster has lost but not yet declared dead: 503 with Retry-After and a
/// problem+json saying so, not a 500. The same request succeeds once the cluster has moved on (seconds).
/// </summary>
public sealed class HostLossExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!HostLoss.IsTransient(exception))
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service unavailable",
                Detail = $"A broker host was lost and the cluster is recovering; try again in {RetryAfterSeconds} seconds.",
            },
        });
    }
}
