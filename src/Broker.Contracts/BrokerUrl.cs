namespace Broker.Contracts;

/// <summary>
/// The broker's base URL as people give it to the endpoint and <c>brokerctl</c> (command line, enrollment.json): absolute
/// http or https, without query or fragment. Normalized without the trailing slash but with any path prefix (a broker
/// behind a reverse proxy at <c>/broker</c>), so routes append cleanly.
/// </summary>
public static class BrokerUrl
{
    /// <summary>What to give instead of a URL that <see cref="Normalize"/> refuses.</summary>
    public const string Expected = "give an absolute http:// or https:// URL, e.g. https://broker.example.com";

    /// <summary>The normalized URL, or null when <paramref name="url"/> is no broker URL.</summary>
    public static string? Normalize(string url)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            return null;
        }

        return uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }

    /// <summary>Plain HTTP is fine on the loopback (development) but sends passwords and tokens in clear text elsewhere.</summary>
    public static bool IsUnencryptedRemote(string server) =>
        Uri.TryCreate(server, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback;

    /// <summary>Whether two URLs name the same broker (a token is only ever sent to the broker that issued it).</summary>
    public static bool Same(string? a, string? b) =>
        a is not null && b is not null && string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}
