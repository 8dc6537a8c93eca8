namespace Broker.Endpoint;

/// <summary>The parts of an RFC 9457 problem+json answer that the endpoint shows.</summary>
internal sealed record Problem(string? Title, string? Detail, int? Status, Dictionary<string, string[]>? Errors);
