using Broker.Endpoint.Vault;

namespace Broker.Endpoint.Consent;

/// <summary>The answer to a consent request: allowed or not, and the OS login to store on this computer, if any.</summary>
public sealed record ConsentAnswer(bool Allow, OsCredential? Credential)
{
    public static ConsentAnswer Declined { get; } = new(false, null);

    public static ConsentAnswer AllowedWithoutCredential { get; } = new(true, null);
}
