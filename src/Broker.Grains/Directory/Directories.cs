namespace Broker.Grains.Directory;

/// <summary>Keys of the <see cref="IDirectoryGrain"/>s that keep names unique.</summary>
public static class Directories
{
    public const string UserGroups = "user-groups";
    public const string DeviceGroups = "device-groups";

    /// <summary>The key a name is compared by: names differ only if they differ beyond case and outer spaces.</summary>
    public static string Normalize(string name) => name.Trim().ToLowerInvariant();
}
