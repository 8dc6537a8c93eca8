namespace Broker.Server.Operations;

/// <summary>The <c>reason</c> tag of <c>broker.logins.failed</c>.</summary>
public enum LoginFailure
{
    /// <summary>Wrong e-mail address or password.</summary>
    Credentials,

    /// <summary>Refused unchecked: too many recent failures for the account or the address.</summary>
    Throttled,
}
