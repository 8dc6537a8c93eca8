using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Broker.Contracts;

namespace Broker.Cli;

/// <summary>Talks to one broker over its HTTP API and turns every failure into a <see cref="CliException"/>.</summary>
internal sealed class BrokerClient(HttpClient http, string server, string? accessToken)
{
    public string Server => server;

    /// <summary>The saved token, for the agent hub's <c>access_token</c>.</summary>
    public string? AccessToken => accessToken;

    public Task<Reply<T>> GetAsync<T>(string route, CancellationToken cancellationToken) =>
        SendAsync<T>(HttpMethod.Get, route, content: null, cancellationToken);

    public Task<Reply<T>> PostAsync<TBody, T>(string route, TBody body, CancellationToken cancellationToken) =>
        SendAsync<T>(HttpMethod.Post, route, JsonContent.Create(body, options: BrokerJson.Options), cancellationToken);

    public Task<Reply<T>> PostAsync<T>(string route, CancellationToken cancellationToken) =>
        SendAsync<T>(HttpMethod.Post, route, content: null, cancellationToken);

    public Task<Reply<T>> PatchAsync<TBody, T>(string route, TBody body, CancellationToken cancellationToken) =>
        SendAsync<T>(HttpMethod.Patch, route, JsonContent.Create(body, options: BrokerJson.Options), cancellationToken);

    /// <summary>Uploads a file as the request body.</summary>
    public Task<Reply<T>> PutFileAsync<T>(string route, Stream file, CancellationToken cancellationToken) =>
        SendAsync<T>(HttpMethod.Put, route, new StreamContent(file) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } }, cancellationToken);

    /// <summary>Downloads a file into <paramref name="destination"/>; returns the file name the broker suggests.</summary>
    public async Task<string?> DownloadAsync(string route, Stream destination, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(HttpMethod.Get, route, content: null, cancellationToken);
        await response.Content.CopyToAsync(destination, cancellationToken);
        return response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"');
    }

    public async Task DeleteAsync(string route, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(HttpMethod.Delete, route, content: null, cancellationToken);
    }

    private async Task<Reply<T>> SendAsync<T>(HttpMethod method, string route, HttpContent? content, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(method, route, content, cancellationToken);
        var json = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            return new Reply<T>(JsonSerializer.Deserialize<T>(json, BrokerJson.Options)!, json);
        }
        catch (JsonException)
        {
            throw new CliException(ExitCodes.Failure, $"{server} answered {method} {route} with something that is not the broker's JSON; is --server right?");
        }
    }

    /// <summary>Sends a request and returns the response if it succeeded; anything else becomes a <see cref="CliException"/>.</summary>
    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string route, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, server + route) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new CliException(ExitCodes.Unreachable, $"cannot reach the broker at {server}: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException(ExitCodes.Unreachable, $"the broker at {server} did not answer within {http.Timeout.TotalSeconds:0} seconds");
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await FailureAsync(response, cancellationToken);
        }
    }

    private async Task<CliException> FailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = response.StatusCode;

        // A token the broker no longer accepts (expired, revoked by a password change, account deleted) means: sign in again.
        if (status == HttpStatusCode.Unauthorized && accessToken is not null)
        {
            return CliException.NotSignedIn();
        }

        var problem = await ProblemAnswer.ReadAsync(response, cancellationToken);
        var message = problem?.Words ?? DefaultMessage(status);
        if (status == HttpStatusCode.Forbidden && problem?.Detail is null)
        {
            message = "you are not allowed to do this (this needs an admin account)";
        }

        if (status == HttpStatusCode.TooManyRequests && response.Headers.RetryAfter?.Delta is { } wait
            && !message.Contains("Try again", StringComparison.OrdinalIgnoreCase))
        {
            message += $" Try again in {wait.TotalSeconds:0} seconds.";
        }

        var details = problem?.FieldErrors();
        return new CliException(ExitCodeFor(status), $"{message} ({(int)status} {response.ReasonPhrase})", details);
    }

    private static string DefaultMessage(HttpStatusCode status) => status switch
    {
        HttpStatusCode.NotFound => "not found",
        HttpStatusCode.Unauthorized => "sign-in failed",
        _ when (int)status >= 500 => "the broker failed to handle the request; its log may say why",
        _ => "the broker refused the request",
    };

    private static int ExitCodeFor(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest => ExitCodes.Usage,
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => ExitCodes.NotAuthorized,
        HttpStatusCode.NotFound => ExitCodes.NotFound,
        HttpStatusCode.Conflict => ExitCodes.Conflict,
        _ => ExitCodes.Failure,
    };
}
