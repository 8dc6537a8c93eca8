using Broker.Contracts.Installers;

namespace Broker.Server.Installers;

/// <summary>A base installer as the store holds it.</summary>
/// <param name="Platform">The platform it installs on; one package per platform.</param>
/// <param name="FileName">The uploader's file name without any path parts.</param>
/// <param name="Size">The package's length in bytes.</param>
/// <param name="Sha256">The SHA-256 of the package, lowercase hex.</param>
/// <param name="UploadedAt">When the upload completed.</param>
public sealed record StoredInstaller(InstallerPlatform Platform, string FileName, long Size, string Sha256, DateTimeOffset UploadedAt);
