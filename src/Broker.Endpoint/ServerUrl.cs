namespace Broker.Endpoint;

/// <summary>The broker's base URL as given on the command line or in enrollment.json, checked and without a trailing slash.</summary>
internal static class ServerUrl
{
    public static string Normalize(string url)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw EndpointException.Usage($"'{url}' is not a broker URL: give an absolute http:// or https:// URL, e.g. https://broker.example.com");
        }

        // Keep a path prefix (a broker behind a reverse proxy at /broker) but drop the trailing slash, so routes append cleanly.
        return uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }

    /// <summary>Plain HTTP is fine on the loopback (development) but sends passwords and tokens in clear text elsewhere.</summary>
    public static bool IsUnencryptedRemote(string server) =>
        Uri.TryCreate(server, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback;

    public static bool Same(string? a, string? b) =>
        a is not null && b is not null && string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}
