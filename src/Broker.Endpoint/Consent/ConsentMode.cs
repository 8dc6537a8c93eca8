namespace Broker.Endpoint.Consent;

/// <summary>How <c>run</c> and <c>join</c> answer an agent's request for unattended access (<c>--consent</c>).</summary>
public enum ConsentMode
{
    /// <summary>Ask the person at this computer, on its terminal.</summary>
    Ask,

    /// <summary>Allow without asking (an admin who owns the machine decided already); no OS login is stored.</summary>
    Allow,

    /// <summary>Decline without asking.</summary>
    Deny,
}
