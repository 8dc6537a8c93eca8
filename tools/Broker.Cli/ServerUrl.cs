namespace Broker.Cli;

/// <summary>The broker's base URL as given on the command line, checked and without a trailing slash.</summary>
internal static class ServerUrl
{
    public static string Normalize(string url)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw CliException.Usage($"'{url}' is not a broker URL: give an absolute http:// or https:// URL, e.g. https://broker.example.com");
        }

        // Keep a path prefix (a broker behind a reverse proxy at /broker) but drop the trailing slash, so routes append cleanly.
        return uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }

    /// <summary>A token is only ever sent to the server that issued it, so a typo in --server cannot leak it.</summary>
    public static bool SameServer(string? saved, string server) =>
        saved is not null && string.Equals(saved.TrimEnd('/'), server, StringComparison.OrdinalIgnoreCase);

    /// <summary>Plain HTTP is fine on the loopback (development) but sends passwords and tokens in clear text elsewhere.</summary>
    public static bool IsUnencryptedRemote(string server) =>
        Uri.TryCreate(server, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback;
}
