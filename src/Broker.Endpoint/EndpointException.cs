using System.Net;

namespace Broker.Endpoint;

/// <summary>An expected failure: it ends the command with a message in words and an exit code, never a stack trace.</summary>
internal sealed class EndpointException(int exitCode, string message, IReadOnlyList<string>? details = null) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    /// <summary>Further lines, such as one per validation error or a hint, printed indented under the message.</summary>
    public IReadOnlyList<string> Details { get; } = details ?? [];

    /// <summary>How long the broker asked us to wait (429 Retry-After), if it said.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Whether trying again later may succeed: the broker was unreachable, busy, throttling or failing.</summary>
    public bool IsTransient { get; init; }

    /// <summary>The broker's HTTP status, when the failure is its answer.</summary>
    public HttpStatusCode? Status { get; init; }

    public static EndpointException Usage(string message, params IReadOnlyList<string> details) => new(ExitCodes.Usage, message, details);

    /// <summary>The same failure with one more line of advice under it.</summary>
    public EndpointException WithHint(string hint) =>
        new(ExitCode, Message, [.. Details, hint]) { RetryAfter = RetryAfter, IsTransient = IsTransient, Status = Status };
}
