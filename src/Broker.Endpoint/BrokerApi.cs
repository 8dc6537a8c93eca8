using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Broker.Contracts;
using Broker.Contracts.Auth;
using Broker.Contracts.Enrollment;
using Broker.Contracts.Me;
using Broker.Contracts.Sessions;

namespace Broker.Endpoint;

/// <summary>The broker's HTTP API as the endpoint uses it; every failure becomes an <see cref="EndpointException"/> in words.</summary>
internal sealed class BrokerApi(HttpClient http, string server)
{
    public string Server => server;

    public async Task<EnrollResponse> EnrollAsync(EnrollRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await SendAsync<EnrollResponse>(HttpMethod.Post, Routes.Enroll, request, accessToken: null, cancellationToken);
        }
        catch (EndpointException e) when (e.ExitCode == ExitCodes.Usage)
        {
            throw new EndpointException(e.ExitCode, $"the broker refused the enrolment as invalid: {e.Message}", e.Details);
        }
    }

    /// <summary>
    /// Joins an attended session with its support key. A 404 means the key is wrong, used or expired (exit code 4, as a
    /// refused enrollment code); a 400 lists what is malformed (exit code 2).
    /// </summary>
    public async Task<JoinResponse> JoinAsync(JoinRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await SendAsync<JoinResponse>(HttpMethod.Post, Routes.Join, request, accessToken: null, cancellationToken);
        }
        catch (EndpointException e) when (e.ExitCode == ExitCodes.Usage)
        {
            throw new EndpointException(e.ExitCode, $"the broker refused the join request as invalid: {e.Message}", e.Details) { Status = e.Status };
        }
        catch (EndpointException e) when (e.Status == HttpStatusCode.NotFound)
        {
            throw new EndpointException(ExitCodes.EnrollmentRefused, e.Message,
                [.. e.Details, "a support key works once and for a short time only: ask the agent for a new one (and check the server URL)"])
            {
                Status = e.Status,
            };
        }
    }

    public Task<LoginResponse> LoginAsync(LoginRequest request, CancellationToken cancellationToken) =>
        SendAsync<LoginResponse>(HttpMethod.Post, Routes.Login, request, accessToken: null, cancellationToken);

    public Task<MeResponse> MeAsync(string accessToken, CancellationToken cancellationToken) =>
        SendAsync<MeResponse>(HttpMethod.Get, Routes.Me, body: null, accessToken, cancellationToken);

    private async Task<T> SendAsync<T>(HttpMethod method, string route, object? body, string? accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, server + route);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: BrokerJson.Options);
        }

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
            throw new EndpointException(ExitCodes.Unreachable, $"cannot reach the broker at {server}: {e.Message}") { IsTransient = true };
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new EndpointException(ExitCodes.Unreachable, $"the broker at {server} did not answer within {http.Timeout.TotalSeconds:0} seconds")
            {
                IsTransient = true,
            };
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw await FailureAsync(response, cancellationToken);
            }

            try
            {
                return await response.Content.ReadFromJsonAsync<T>(BrokerJson.Options, cancellationToken)
                    ?? throw new JsonException("empty answer");
            }
            catch (JsonException)
            {
                throw new EndpointException(ExitCodes.Failure, $"{server} answered {method} {route} with something that is not the broker's JSON; is the server URL right?");
            }
        }
    }

    private async Task<EndpointException> FailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = response.StatusCode;
        var problem = await ProblemAnswer.ReadAsync(response, cancellationToken);
        var message = problem?.Words ?? DefaultMessage(status);
        var details = problem?.FieldErrors() ?? [];

        TimeSpan? retryAfter = null;
        if (status == HttpStatusCode.TooManyRequests)
        {
            retryAfter = RetryAfter(response);
            if (retryAfter is { } wait && !message.Contains("try again", StringComparison.OrdinalIgnoreCase))
            {
                message = $"{message.TrimEnd('.')}. Try again in {Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture)} seconds.";
            }
        }

        var exitCode = status switch
        {
            HttpStatusCode.BadRequest => ExitCodes.Usage,
            HttpStatusCode.Unauthorized => ExitCodes.SignInFailed,
            HttpStatusCode.Forbidden => ExitCodes.EnrollmentRefused,
            HttpStatusCode.TooManyRequests => ExitCodes.Throttled,
            _ => ExitCodes.Failure,
        };

        // Worth trying again later: throttling, an overloaded or failing broker, or a proxy in front of one that is restarting.
        var transient = status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)status >= 500;
        return new EndpointException(exitCode, $"{message} ({(int)status} {response.ReasonPhrase})", details)
        {
            RetryAfter = retryAfter,
            IsTransient = transient,
            Status = status,
        };
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    private static string DefaultMessage(HttpStatusCode status) => status switch
    {
        HttpStatusCode.NotFound => "the broker has no such route; is the server URL right?",
        HttpStatusCode.Unauthorized => "sign-in failed",
        HttpStatusCode.TooManyRequests => "the broker is throttling this computer",
        _ when (int)status >= 500 => "the broker failed to handle the request; its log may say why",
        _ => "the broker refused the request",
    };
}
