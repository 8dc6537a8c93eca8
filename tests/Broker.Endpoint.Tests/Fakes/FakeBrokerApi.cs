using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Broker.Contracts;

namespace Broker.Endpoint.Tests.Fakes;

/// <summary>The broker's HTTP API in-process: canned answers per route, and every request kept for assertions.</summary>
internal sealed class FakeBrokerApi : HttpMessageHandler
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Func<HttpResponseMessage>>> answers = new();

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Answers the next request to <paramref name="method"/> <paramref name="path"/> (the last answer repeats).</summary>
    public FakeBrokerApi On(HttpMethod method, string path, Func<HttpResponseMessage> answer)
    {
        answers.GetOrAdd($"{method} {path}", _ => new()).Enqueue(answer);
        return this;
    }

    public IEnumerable<RecordedRequest> To(string path) => Requests.Where(request => request.Path == path);

    public static HttpResponseMessage Json<T>(T body) =>
        new(HttpStatusCode.OK) { Content = JsonContent.Create(body, options: BrokerJson.Options) };

    public static HttpResponseMessage Problem(
        HttpStatusCode status, string? detail, string? title = null, Dictionary<string, string[]>? errors = null, TimeSpan? retryAfter = null)
    {
        var response = new HttpResponseMessage(status)
        {
            Content = JsonContent.Create(
                new { title, detail, status = (int)status, errors }, mediaType: new("application/problem+json"), options: BrokerJson.Options),
        };
        if (retryAfter is { } wait)
        {
            response.Headers.RetryAfter = new(wait);
        }

        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Enqueue(new RecordedRequest(request.Method, request.RequestUri!.AbsolutePath, body, request.Headers.Authorization?.ToString()));
        if (!answers.TryGetValue($"{request.Method} {request.RequestUri.AbsolutePath}", out var queue) || !queue.TryPeek(out var answer))
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound);
        }

        if (queue.Count > 1)
        {
            queue.TryDequeue(out _);
        }

        return answer();
    }
}
