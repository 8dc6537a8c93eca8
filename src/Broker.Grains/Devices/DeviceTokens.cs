using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Broker.Grains.Devices;

/// <summary>
/// Device tokens: <c>dt1.&lt;device id&gt;.&lt;32 random bytes, base64url&gt;</c>. The id lets the broker find the device;
/// only a SHA-256 of the whole token is stored (the token is random and long, so a fast hash is enough).
/// </summary>
public static class DeviceTokens
{
    private const string Prefix = "dt1";

    public static string Issue(Guid deviceId) => $"{Prefix}.{deviceId:N}.{Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32))}";

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>The device a token names, read from the token without trusting it.</summary>
    public static Guid? DeviceOf(string token)
    {
        var parts = token.Split('.');
        return parts.Length == 3 && parts[0] == Prefix && Guid.TryParseExact(parts[1], "N", out var id) ? id : null;
    }

    /// <summary>Whether <paramref name="token"/> hashes to <paramref name="storedHash"/>, compared in constant time.</summary>
    public static bool Matches(string token, byte[] storedHash) =>
        storedHash.Length > 0 && CryptographicOperations.FixedTimeEquals(Hash(token), storedHash);
}
