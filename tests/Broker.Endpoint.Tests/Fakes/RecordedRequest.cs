using System.Text.Json;
using Broker.Contracts;

namespace Broker.Endpoint.Tests.Fakes;

/// <summary>A request the endpoint sent.</summary>
internal sealed record RecordedRequest(HttpMethod Method, string Path, string Body, string? Authorization)
{
    public T Json<T>() => JsonSerializer.Deserialize<T>(Body, BrokerJson.Options)!;
}
