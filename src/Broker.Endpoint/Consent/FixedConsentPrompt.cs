namespace Broker.Endpoint.Consent;

/// <summary><c>--consent allow</c> and <c>--consent deny</c>: the same answer every time, without asking, and never an OS login.</summary>
internal sealed class FixedConsentPrompt(bool allow) : IConsentPrompt
{
    public Task<ConsentAnswer> AskAsync(string agentName, CancellationToken cancellationToken) =>
        Task.FromResult(allow ? ConsentAnswer.AllowedWithoutCredential : ConsentAnswer.Declined);
}
