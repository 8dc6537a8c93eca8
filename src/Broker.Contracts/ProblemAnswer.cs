using System.Net.Http.Json;
using System.Text.Json;

namespace Broker.Contracts;

/// <summary>
/// The parts of the broker's RFC 9457 problem+json answers that its programs show: the words, and for invalid input
/// what is wrong with which field.
/// </summary>
public sealed record ProblemAnswer(string? Title, string? Detail, int? Status, Dictionary<string, string[]>? Errors)
{
    /// <summary>The answer's own words: its detail, else its title.</summary>
    public string? Words => Detail ?? Title;

    /// <summary>One line per field error: <c>field: error</c>, or the error alone when it is about the whole request.</summary>
    public IReadOnlyList<string> FieldErrors() =>
        Errors?.SelectMany(field => field.Value.Select(error => string.IsNullOrEmpty(field.Key) ? error : $"{field.Key}: {error}")).ToList() ?? [];

    /// <summary>A failed response's problem; null when its body is not JSON (a proxy's error page, an empty body).</summary>
    public static async Task<ProblemAnswer?> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentType?.MediaType is not { } mediaType || !mediaType.EndsWith("json", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            return await response.Content.ReadFromJsonAsync<ProblemAnswer>(BrokerJson.Options, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
