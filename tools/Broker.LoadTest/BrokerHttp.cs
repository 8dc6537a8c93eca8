using System.Net.Http.Headers;
using System.Net.Http.Json;
using Broker.Contracts;
using Broker.Contracts.Auth;

namespace Broker.LoadTest;

/// <summary>The few API calls the benchmarks' scenes make before they measure: sign in, and POST with a token.</summary>
public static class BrokerHttp
{
    public static async Task<string> SignInAsync(HttpClient http, Uri host, string email, string password, CancellationToken cancellationToken) =>
        (await PostAsync<LoginResponse>(http, new Uri(host, Routes.Login), null, new LoginRequest(email, password), cancellationToken)).AccessToken;

    public static async Task<T> PostAsync<T>(HttpClient http, Uri uri, string? token, object body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = JsonContent.Create(body, body.GetType(), options: BrokerJson.Options) };
        request.Headers.Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {uri.AbsolutePath}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return (await response.Content.ReadFromJsonAsync<T>(BrokerJson.Options, cancellationToken))!;
    }
}
