namespace Broker.Server.Operations;

/// <summary>The <c>kind</c> tag of the session instruments.</summary>
public enum SessionKind
{
    Attended,
    Unattended,
}
