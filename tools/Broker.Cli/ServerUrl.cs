using Broker.Contracts;

namespace Broker.Cli;

/// <summary>The broker's base URL as given on the command line, checked and without a trailing slash.</summary>
internal static class ServerUrl
{
    public static string Normalize(string url) =>
        BrokerUrl.Normalize(url) ?? throw CliException.Usage($"'{url}' is not a broker URL: {BrokerUrl.Expected}");
}
