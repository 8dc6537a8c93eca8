namespace Broker.Cli;

/// <summary>
/// An expected failure: it ends the command with a message in words and an exit code, never a stack trace.
/// </summary>
internal sealed class CliException(int exitCode, string message, IReadOnlyList<string>? details = null) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    /// <summary>Further lines, such as one per validation error, printed indented under the message.</summary>
    public IReadOnlyList<string> Details { get; } = details ?? [];

    public static CliException Usage(string message) => new(ExitCodes.Usage, message);

    public static CliException NotSignedIn(string? hint = null) =>
        new(ExitCodes.NotAuthorized, "not signed in (or the session expired): run brokerctl login", hint is null ? null : [hint]);
}
