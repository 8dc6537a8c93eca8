using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using Broker.Contracts.Installers;

namespace Broker.Server.Installers;

/// <summary>
/// Makes a device group's installer from the uploaded base package, so that the installed endpoint enrols into that
/// group by itself. The Linux package is a gzipped tar with the endpoint in <c>broker-endpoint/</c>: the group's copy
/// gets <c>broker-endpoint/enrollment.json</c> (server and enrollment code) added. Windows and macOS packages are signed
/// binaries we must not change: their bytes stay as uploaded and the code travels in the download's file name, which
/// the installer reads from its own path (see docs/installers.md).
/// </summary>
public static class GroupInstallerPackager
{
    public const string EndpointFolder = "broker-endpoint";
    public const string EnrollmentFile = "enrollment.json";

    /// <summary>The file name of a group's download.</summary>
    public static string FileName(InstallerPlatform platform, string enrollmentCode) => platform switch
    {
        InstallerPlatform.LinuxX64 => $"broker-endpoint-linux-x64_{enrollmentCode}.tar.gz",
        InstallerPlatform.WindowsExe => $"broker-endpoint-setup_{enrollmentCode}.exe",
        InstallerPlatform.WindowsMsi => $"broker-endpoint_{enrollmentCode}.msi",
        InstallerPlatform.MacosPkg => $"broker-endpoint_{enrollmentCode}.pkg",
        _ => throw new ArgumentOutOfRangeException(nameof(platform)),
    };

    /// <summary>Writes the group's installer to <paramref name="output"/>, streaming from <paramref name="basePackage"/>.</summary>
    public static async Task WriteAsync(
        InstallerPlatform platform, Stream basePackage, Stream output, Uri server, string enrollmentCode, CancellationToken cancellationToken)
    {
        if (platform != InstallerPlatform.LinuxX64)
        {
            await basePackage.CopyToAsync(output, cancellationToken);
            return;
        }

        await using var unzipped = new GZipStream(basePackage, CompressionMode.Decompress, leaveOpen: true);
        using var reader = new TarReader(unzipped, leaveOpen: true);
        await using var zipped = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true);
        await using var writer = new TarWriter(zipped, TarEntryFormat.Pax, leaveOpen: true);
        var enrollmentPath = $"{EndpointFolder}/{EnrollmentFile}";
        // A tar header states its entry's size before the data, so an entry going to an unseekable archive (gzip on the
        // response) needs a seekable data stream: each entry is copied once into memory, one at a time.
        while (await reader.GetNextEntryAsync(copyData: true, cancellationToken) is { } entry)
        {
            if (entry.Name.TrimStart('.', '/') != enrollmentPath)
            {
                await writer.WriteEntryAsync(entry, cancellationToken);
            }
        }

        var config = JsonSerializer.SerializeToUtf8Bytes(new { server = server.ToString(), enrollmentCode }, new JsonSerializerOptions { WriteIndented = true });
        var added = new PaxTarEntry(TarEntryType.RegularFile, enrollmentPath)
        {
            DataStream = new MemoryStream(config),
            Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            ModificationTime = DateTimeOffset.UtcNow,
        };
        await writer.WriteEntryAsync(added, cancellationToken);
    }

    /// <summary>Whether a stream starts like a gzip file, to refuse a wrong upload for linux-x64 early.</summary>
    public static bool LooksLikeGzip(ReadOnlySpan<byte> head) => head.Length >= 2 && head[0] == 0x1f && head[1] == 0x8b;
}
