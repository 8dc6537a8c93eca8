using Broker.Grains.Agents;
using Broker.Grains.Throttling;
using Broker.Server.Operations;

namespace Broker.Server.Auth;

/// <summary>
/// Checks an e-mail address and password, throttled per account and per client address in grains (so the limits
/// hold across every host), and issues a token. Unknown accounts cost as much time as known ones.
/// </summary>
public sealed class LoginService(IGrainFactory grains, PasswordHasher hasher, TokenIssuer tokens, BrokerMetrics metrics)
{
    public async Task<LoginOutcome> LoginAsync(string email, string password, string address)
    {
        var byAddress = grains.GetGrain<ILoginThrottleGrain>(LoginThrottleKeys.Address(address));
        var addressDecision = await byAddress.Begin();
        if (!addressDecision.Allowed)
        {
            metrics.LoginFailed(LoginFailure.Throttled);
            return new LoginOutcome(null, addressDecision.RetryAfter);
        }

        var byAccount = grains.GetGrain<ILoginThrottleGrain>(LoginThrottleKeys.Account(email));
        var accountDecision = await byAccount.Begin();
        if (!accountDecision.Allowed)
        {
            await byAddress.Release();
            metrics.LoginFailed(LoginFailure.Throttled);
            return new LoginOutcome(null, accountDecision.RetryAfter);
        }

        var agent = await FindAsync(email);
        var succeeded = agent is not null ? hasher.Verify(password, agent.PasswordHash) : DecoyFailure(password);
        await Task.WhenAll(byAccount.Finish(succeeded), byAddress.Finish(succeeded));
        if (!succeeded)
        {
            metrics.LoginFailed(LoginFailure.Credentials);
        }

        return succeeded ? new LoginOutcome(tokens.Issue(agent!), null) : LoginOutcome.Rejected;
    }

    private async Task<AgentCredential?> FindAsync(string email)
    {
        var id = await grains.GetGrain<IAgentDirectoryGrain>(AgentDirectoryGrain.Key).Find(email);
        return id is { } agentId ? await grains.GetGrain<IAgentGrain>(agentId).GetCredential() : null;
    }

    private bool DecoyFailure(string password)
    {
        hasher.VerifyDecoy(password);
        return false;
    }
}
