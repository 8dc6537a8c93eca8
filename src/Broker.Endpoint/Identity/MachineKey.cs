using System.Security.Cryptography;
using System.Text;

namespace Broker.Endpoint.Identity;

/// <summary>
/// The key by which the broker recognises this computer when it enrols again. Derived from the OS's machine id where
/// there is one, so that it survives a reinstall of the endpoint; otherwise random, and kept in the identity file.
/// </summary>
internal static class MachineKey
{
    public const string DefaultMachineIdPath = "/etc/machine-id";

    // The machine id is a secret of the OS (systemd says: never expose it); hashing it with our own prefix gives a key
    // that is stable for this machine, means nothing to anyone else, and cannot be linked to other programs' derivations.
    private const string Purpose = "broker-endpoint/machine-key/v1:";

    /// <summary>The machine key: <paramref name="existing"/> when this computer already has one, else derived or random.</summary>
    public static string Resolve(string? existing, string machineIdPath) =>
        existing is { Length: > 0 } ? existing : FromMachineId(machineIdPath) ?? Random();

    /// <summary>The key derived from the machine id at <paramref name="machineIdPath"/>, or null when it cannot be read.</summary>
    public static string? FromMachineId(string machineIdPath)
    {
        string machineId;
        try
        {
            machineId = File.ReadAllText(machineIdPath).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return machineId.Length == 0 ? null : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Purpose + machineId)));
    }

    public static string Random() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
