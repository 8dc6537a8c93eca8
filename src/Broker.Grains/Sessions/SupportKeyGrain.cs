namespace Broker.Grains.Sessions;

/// <inheritdoc cref="ISupportKeyGrain"/>
public sealed class SupportKeyGrain(
    [PersistentState("support-key", Common.BrokerStorage.Name)] IPersistentState<SupportKeyState> state,
    TimeProvider clock) : Grain, ISupportKeyGrain
{
    public async Task<bool> Claim(Guid sessionId, DateTimeOffset expiresAt)
    {
        if (state.State.SessionId is not null && !state.State.Used && clock.GetUtcNow() < state.State.ExpiresAt)
        {
            return false;
        }

        state.State = new SupportKeyState { SessionId = sessionId, ExpiresAt = expiresAt };
        await state.WriteStateAsync();
        return true;
    }

    public async Task<Guid?> Redeem()
    {
        if (state.State is not { SessionId: { } sessionId, Used: false } || clock.GetUtcNow() >= state.State.ExpiresAt)
        {
            return null;
        }

        state.State.Used = true;
        await state.WriteStateAsync();
        return sessionId;
    }
}
