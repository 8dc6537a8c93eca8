namespace Broker.Endpoint.Consent;

/// <summary>Asks whoever decides for this computer whether an agent may set up unattended access to it.</summary>
public interface IConsentPrompt
{
    /// <summary>Asks for <paramref name="agentName"/>; a credential in the answer is stored in the vault, never sent.</summary>
    Task<ConsentAnswer> AskAsync(string agentName, CancellationToken cancellationToken);
}
