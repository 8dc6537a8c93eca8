using System.ComponentModel.DataAnnotations;

namespace Broker.Server.Auth;

/// <summary>The <c>Broker:Auth</c> section: token signing and password hashing.</summary>
public sealed class AuthOptions
{
    public const string Section = "Broker:Auth";

    /// <summary>The HMAC key that signs tokens, base64 (at least 32 bytes). Local mode makes one in the data folder when unset.</summary>
    public string? SigningKey { get; set; }

    /// <summary>The key enrollment codes are derived from, base64 (at least 32 bytes). Local mode makes one when unset.</summary>
    public string? EnrollmentKey { get; set; }

    /// <summary>How long a token works.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>PBKDF2-SHA256 iterations for new password hashes (existing hashes keep theirs).</summary>
    [Range(1_000, 10_000_000)]
    public int PasswordIterations { get; set; } = 600_000;
}
