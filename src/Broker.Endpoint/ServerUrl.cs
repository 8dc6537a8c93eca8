using Broker.Contracts;

namespace Broker.Endpoint;

/// <summary>The broker's base URL as given on the command line or in enrollment.json, checked and without a trailing slash.</summary>
internal static class ServerUrl
{
    public static string Normalize(string url) =>
        BrokerUrl.Normalize(url) ?? throw EndpointException.Usage($"'{url}' is not a broker URL: {BrokerUrl.Expected}");
}
