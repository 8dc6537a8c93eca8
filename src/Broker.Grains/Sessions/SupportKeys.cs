using System.Security.Cryptography;
using System.Text;

namespace Broker.Grains.Sessions;

/// <summary>Support keys: 9 random digits the customer types; the broker keeps only their hash (as the grain key).</summary>
public static class SupportKeys
{
    /// <summary>How long a support key can be redeemed.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public static string New() => RandomNumberGenerator.GetInt32(0, 1_000_000_000).ToString("D9", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The key of the <see cref="ISupportKeyGrain"/> of a support key, spaces and dashes ignored.</summary>
    public static string GrainKey(string supportKey) =>
        "k:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(new string([.. supportKey.Where(char.IsAsciiDigit)]))));

    public static bool IsWellFormed(string supportKey) => supportKey.Count(char.IsAsciiDigit) == 9 && supportKey.All(c => char.IsAsciiDigit(c) || c is ' ' or '-');
}
