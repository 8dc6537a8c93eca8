namespace Broker.Contracts.Installers;

/// <summary>An uploaded base installer: what file it was, how big, its SHA-256, and when it was uploaded.</summary>
public sealed record InstallerResponse(InstallerPlatform Platform, string FileName, long Size, string Sha256, DateTimeOffset UploadedAt);
