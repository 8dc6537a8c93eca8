using System.Net;

namespace Broker.Server.Operations;

/// <summary>Refuses a scrape of <c>/metrics</c> from an address outside <see cref="MetricsOptions.AllowedNetworks"/>.</summary>
public sealed class MetricsGate(IPNetwork[] allowed)
{
    public bool Admits(IPAddress? address)
    {
        if (allowed.Length == 0)
        {
            return true;
        }

        if (address is null)
        {
            return false;
        }

        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return allowed.Any(network => network.Contains(plain));
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (Admits(context.Connection.RemoteIpAddress))
        {
            await next(context);
            return;
        }

        await Results.Problem(
            detail: "Metrics are served only to the networks in Broker:Metrics:AllowedNetworks.",
            statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
    }
}
