using System.Text.Json;
using Broker.Contracts;

namespace Broker.Endpoint.Identity;

/// <summary>Reads and writes the identity file (owner-only, replaced atomically), one per machine.</summary>
internal sealed class IdentityStore(string path)
{
    public const string FileName = "endpoint.json";
    public const string FolderName = "broker-endpoint";

    private static readonly JsonSerializerOptions Indented = new(BrokerJson.Options) { WriteIndented = true };

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>The folder of the identity file, where the vault lives too.</summary>
    public string Directory => System.IO.Path.GetDirectoryName(Path)!;

    /// <summary>
    /// Where the identity lives when <c>--config</c> is not given: <c>/etc/broker-endpoint</c> for the root service on
    /// Linux, the user's config folder otherwise (<c>$XDG_CONFIG_HOME</c> or <c>~/.config</c>), CommonApplicationData on
    /// Windows (the endpoint runs there as a machine-wide service).
    /// </summary>
    public static string DefaultPath()
    {
        if (OperatingSystem.IsWindows())
        {
            return System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), FolderName, FileName);
        }

        if (OperatingSystem.IsLinux() && Environment.IsPrivilegedProcess)
        {
            return System.IO.Path.Combine("/etc", FolderName, FileName);
        }

        var config = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg && System.IO.Path.IsPathRooted(xdg)
            ? xdg
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return System.IO.Path.Combine(config, FolderName, FileName);
    }

    /// <summary>The saved identity, or null when this computer has not enrolled yet.</summary>
    public EndpointIdentity? Load()
    {
        try
        {
            if (!File.Exists(Path))
            {
                return null;
            }

            var identity = JsonSerializer.Deserialize<EndpointIdentity>(File.ReadAllBytes(Path), BrokerJson.Options);
            return identity is { Server.Length: > 0, DeviceToken.Length: > 0, MachineKey.Length: > 0 } && identity.DeviceId != Guid.Empty
                ? identity
                : throw new JsonException("a field is missing");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            // Enrolling again over an unreadable file could turn a permissions mistake into a second device: say so instead.
            throw new EndpointException(ExitCodes.Failure, $"cannot read the identity file {Path}: {e.Message}",
                ["fix its permissions, or delete it to enrol this computer again"]);
        }
    }

    public void Save(EndpointIdentity identity)
    {
        try
        {
            PrivateFile.Write(Path, JsonSerializer.SerializeToUtf8Bytes(identity, Indented));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EndpointException(ExitCodes.Failure, $"cannot save the identity file {Path}: {e.Message}",
                [Environment.IsPrivilegedProcess ? "check the folder's permissions" : "run as root (the service does), or give --config PATH"]);
        }
    }
}
