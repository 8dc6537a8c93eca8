namespace Broker.Endpoint;

/// <summary>What broker-endpoint's exit code tells an installer, a service manager or a script, without parsing messages.</summary>
public static class ExitCodes
{
    /// <summary>Done; for <c>run</c> and <c>join</c>: stopped by Ctrl+C or SIGTERM; for <c>join</c>: the session ended.</summary>
    public const int Success = 0;

    /// <summary>Anything not named below: a broker fault, an answer that is not the broker's, a file that cannot be written.</summary>
    public const int Failure = 1;

    /// <summary>Bad command-line usage, missing enrollment settings, or a request the broker refused as invalid (400).</summary>
    public const int Usage = 2;

    /// <summary>The agent's e-mail address or password is wrong (401 at sign-in or portal enrolment).</summary>
    public const int SignInFailed = 3;

    /// <summary>
    /// The broker will not enrol this computer: the enrollment code is wrong, rotated or revoked (403), or the agent has
    /// no device group to put it in; for <c>join</c>: the support key is wrong, was used already, or has expired (404).
    /// </summary>
    public const int EnrollmentRefused = 4;

    /// <summary>
    /// The broker refuses this computer's device token (401 at connect): the device was removed or enrolled again; for
    /// <c>join</c>: it refuses the session token (the session ended) and unattended access was not set up in it.
    /// </summary>
    public const int DeviceRemoved = 5;

    /// <summary>The broker could not be reached at all (DNS, refused connection, TLS, timeout).</summary>
    public const int Unreachable = 6;

    /// <summary>The broker throttles us (429); the message says when to try again.</summary>
    public const int Throttled = 7;

    /// <summary>Interrupted with Ctrl+C during <c>setup</c>, as shells report SIGINT.</summary>
    public const int Interrupted = 130;
}
