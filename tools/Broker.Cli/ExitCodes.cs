namespace Broker.Cli;

/// <summary>What brokerctl's exit code tells a script, so it can react without parsing the message.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Anything not named below: a server fault, throttling, an answer brokerctl does not understand.</summary>
    public const int Failure = 1;

    /// <summary>Bad command-line usage, or a request the broker refused as invalid (400).</summary>
    public const int Usage = 2;

    /// <summary>Not signed in, the session expired, wrong credentials, or not allowed (401, 403).</summary>
    public const int NotAuthorized = 3;

    public const int NotFound = 4;

    public const int Conflict = 5;

    /// <summary>The broker could not be reached at all (DNS, refused connection, TLS, timeout).</summary>
    public const int Unreachable = 6;

    /// <summary>Interrupted with Ctrl+C, as shells report SIGINT.</summary>
    public const int Interrupted = 130;
}
