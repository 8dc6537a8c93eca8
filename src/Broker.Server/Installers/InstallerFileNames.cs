using Broker.Contracts.Installers;

namespace Broker.Server.Installers;

/// <summary>Makes an uploader's file name safe to keep and to offer again: no folders, no control characters.</summary>
public static class InstallerFileNames
{
    private const int MaxLength = 255;

    /// <summary>
    /// The last part of <paramref name="fileName"/> after any <c>/</c> or <c>\</c> (browsers on Windows send full paths),
    /// without control characters; the platform's wire name when nothing usable is left.
    /// </summary>
    public static string Sanitize(string? fileName, InstallerPlatform platform)
    {
        var name = fileName ?? "";
        name = name[(name.LastIndexOfAny(['/', '\\']) + 1)..];
        name = string.Concat(name.Where(c => !char.IsControl(c))).Trim();
        if (name.Length > MaxLength)
        {
            name = name[^MaxLength..];
        }

        return name is "" or "." or ".." ? platform.Name() : name;
    }
}
