namespace Broker.Contracts.Installers;

/// <summary>The wire names of <see cref="InstallerPlatform"/>, as routes and file names use them.</summary>
public static class InstallerPlatforms
{
    public static string Name(this InstallerPlatform platform) => platform switch
    {
        InstallerPlatform.WindowsExe => "windows-exe",
        InstallerPlatform.WindowsMsi => "windows-msi",
        InstallerPlatform.MacosPkg => "macos-pkg",
        InstallerPlatform.LinuxX64 => "linux-x64",
        _ => throw new ArgumentOutOfRangeException(nameof(platform)),
    };

    public static bool TryParse(string? name, out InstallerPlatform platform)
    {
        foreach (var candidate in Enum.GetValues<InstallerPlatform>())
        {
            if (string.Equals(candidate.Name(), name, StringComparison.Ordinal))
            {
                platform = candidate;
                return true;
            }
        }

        platform = default;
        return false;
    }
}
