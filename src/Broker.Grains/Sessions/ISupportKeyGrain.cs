namespace Broker.Grains.Sessions;

/// <summary>One support key (keyed by <see cref="SupportKeys.GrainKey"/>): short-lived and good for one join only.</summary>
[Alias("Broker.ISupportKeyGrain")]
public interface ISupportKeyGrain : IGrainWithStringKey
{
    /// <summary>Binds the key to a session until <paramref name="expiresAt"/>; false while another session holds it.</summary>
    Task<bool> Claim(Guid sessionId, DateTimeOffset expiresAt);

    /// <summary>Uses the key: its session, once, before it expires; null otherwise.</summary>
    Task<Guid?> Redeem();
}
