namespace Broker.Cli;

/// <summary>A successful answer: the value to show as text, and the JSON as the broker sent it, for --json.</summary>
internal sealed record Reply<T>(T Value, string Json);
