using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Broker.Server.Auth;

/// <summary>
/// The host's secret keys: from configuration when given (every host of a cluster must share them), otherwise,
/// in Local mode, made on first start and kept in the data folder's keys/ with owner-only permissions.
/// </summary>
public sealed class KeyRing(IOptions<BrokerOptions> broker, IOptions<AuthOptions> auth)
{
    private readonly Lazy<byte[]> _signing = new(() => Load("signing", auth.Value.SigningKey, broker.Value));
    private readonly Lazy<byte[]> _enrollment = new(() => Load("enrollment", auth.Value.EnrollmentKey, broker.Value));

    public byte[] SigningKey => _signing.Value;

    public byte[] EnrollmentKey => _enrollment.Value;

    private static byte[] Load(string name, string? configured, BrokerOptions broker)
    {
        var setting = $"{AuthOptions.Section}:{char.ToUpperInvariant(name[0])}{name[1..]}Key";
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Decode(configured, setting);
        }

        if (broker.Mode != BrokerMode.Local)
        {
            throw new InvalidOperationException($"{setting} must be set in Cluster mode, the same on every host (base64 of 32 or more random bytes).");
        }

        var path = Path.Combine(broker.FullDataPath, "keys", name + ".key");
        if (File.Exists(path))
        {
            return Decode(File.ReadAllText(path).Trim(), path);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = RandomNumberGenerator.GetBytes(64);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(path, options))
        {
            writer.Write(Convert.ToBase64String(key));
        }

        return key;
    }

    private static byte[] Decode(string base64, string source)
    {
        try
        {
            var key = Convert.FromBase64String(base64);
            return key.Length >= 32 ? key : throw new InvalidOperationException($"The key in {source} is shorter than 32 bytes.");
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"The key in {source} is not valid base64.");
        }
    }
}
