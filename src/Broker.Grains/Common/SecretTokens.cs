using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Broker.Grains.Common;

/// <summary>
/// Opaque bearer tokens of the form <c>&lt;prefix&gt;.&lt;owner id&gt;.&lt;32 random bytes, base64url&gt;</c>: device tokens
/// (<c>dt1</c>) and customers' session tokens (<c>st1</c>). The id lets the broker find the owner's grain; only a SHA-256
/// of the whole token is stored (the token is random and long, so a fast hash is enough), compared in constant time.
/// </summary>
public sealed class SecretTokens(string prefix)
{
    public static SecretTokens Device { get; } = new("dt1");

    public static SecretTokens Session { get; } = new("st1");

    public string Issue(Guid ownerId) => $"{prefix}.{ownerId:N}.{Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32))}";

    /// <summary>The owner a token names, read from the token without trusting it; null for another kind of token.</summary>
    public Guid? OwnerOf(string token)
    {
        var parts = token.Split('.');
        return parts.Length == 3 && parts[0] == prefix && Guid.TryParseExact(parts[1], "N", out var id) ? id : null;
    }

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>Whether <paramref name="token"/> hashes to <paramref name="storedHash"/>, compared in constant time.</summary>
    public static bool Matches(string token, byte[] storedHash) =>
        storedHash.Length > 0 && CryptographicOperations.FixedTimeEquals(Hash(token), storedHash);
}
