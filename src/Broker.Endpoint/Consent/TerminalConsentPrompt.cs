namespace Broker.Endpoint.Consent;

/// <summary><c>--consent ask</c>: asks the person at this computer; no answer (no terminal, end of input) means no.</summary>
internal sealed class TerminalConsentPrompt(Terminal terminal) : IConsentPrompt
{
    public async Task<ConsentAnswer> AskAsync(string agentName, CancellationToken cancellationToken)
    {
        await terminal.Conversation.WaitAsync(cancellationToken);
        try
        {
            if (!await terminal.ConfirmAsync(
                $"Agent {Terminal.Printable(agentName)} asks for unattended access to this computer. Allow?", cancellationToken))
            {
                return ConsentAnswer.Declined;
            }

            if (!await terminal.ConfirmAsync("Store your OS login so the agent can sign in without you?", cancellationToken))
            {
                return ConsentAnswer.AllowedWithoutCredential;
            }

            return new ConsentAnswer(true, await terminal.AskCredentialAsync(cancellationToken));
        }
        finally
        {
            terminal.Conversation.Release();
        }
    }
}
