using System.Security.Cryptography;
using System.Text;

namespace Broker.Grains.DeviceGroups;

/// <summary>
/// Derives a device group's enrollment code from a secret key, the group id and the code's generation,
/// so the code itself is never stored: a rotation bumps the generation and every older code stops matching.
/// </summary>
public sealed class EnrollmentCodeMinter(byte[] key)
{
    private const string Prefix = "ec1";

    /// <summary>The code of <paramref name="groupId"/> at <paramref name="generation"/>.</summary>
    public string Mint(Guid groupId, int generation)
    {
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"enrollment:{groupId:N}:{generation}"));
        return $"{Prefix}-{groupId:N}-{Convert.ToHexStringLower(mac.AsSpan(0, 20))}";
    }

    /// <summary>Whether <paramref name="code"/> is the code of the group at that generation, compared in constant time.</summary>
    public bool Matches(string code, Guid groupId, int generation) =>
        CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(code),
            Encoding.UTF8.GetBytes(Mint(groupId, generation)));

    /// <summary>The group a code names, read from the code without trusting it.</summary>
    public static Guid? GroupOf(string code)
    {
        var parts = code.Split('-');
        return parts.Length == 3 && parts[0] == Prefix && Guid.TryParseExact(parts[1], "N", out var id) ? id : null;
    }
}
