namespace Broker.Contracts.Installers;

/// <summary>The platforms an installer is uploaded for; on the wire <c>windows-exe</c>, <c>windows-msi</c>, <c>macos-pkg</c>, <c>linux-x64</c>.</summary>
public enum InstallerPlatform
{
    WindowsExe,
    WindowsMsi,
    MacosPkg,
    LinuxX64,
}
