using System.Text.Json;
using Broker.Contracts;

namespace Broker.Endpoint.Enrollment;

/// <summary>
/// What a device group's installer carries so that its endpoint joins the group by itself: <c>enrollment.json</c>
/// <c>{ "server": "...", "enrollmentCode": "..." }</c> beside the executable (the Linux package), or the same two values
/// as <c>--server</c> and <c>--enrollment-code</c> (the Windows and macOS installers, mass deployment).
/// </summary>
internal sealed record EnrollmentConfig(string Server, string EnrollmentCode)
{
    public const string FileName = "enrollment.json";

    /// <summary>
    /// The installer's enrollment settings: <paramref name="file"/> (or else <c>enrollment.json</c> in
    /// <paramref name="baseDirectory"/>, when there is one), with <paramref name="server"/> and <paramref name="code"/>
    /// taking precedence over what the file says. Null when nothing is configured at all.
    /// </summary>
    public static EnrollmentConfig? Find(string? server, string? code, string? file, string baseDirectory)
    {
        var path = file ?? Path.Combine(baseDirectory, FileName);
        var fromFile = file is not null || File.Exists(path) ? Read(path) : null;
        var resolvedServer = Blank(server) ?? Blank(fromFile?.Server);
        var resolvedCode = Blank(code) ?? Blank(fromFile?.EnrollmentCode);
        if (resolvedServer is null && resolvedCode is null)
        {
            return null;
        }

        var source = fromFile is null ? "the command line" : path;
        return resolvedServer is null ? throw EndpointException.Usage($"{source} gives an enrollment code but no server: add --server URL")
            : resolvedCode is null ? throw EndpointException.Usage($"{source} gives a server but no enrollment code: add --enrollment-code CODE")
            : new EnrollmentConfig(ServerUrl.Normalize(resolvedServer), resolvedCode.Trim());
    }

    private static FileContent Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<FileContent>(File.ReadAllBytes(path), BrokerJson.Options) ?? new FileContent(null, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw EndpointException.Usage($"cannot read the enrollment file {path}: {e.Message}");
        }
        catch (JsonException e)
        {
            throw EndpointException.Usage($"the enrollment file {path} is not {{\"server\": \"...\", \"enrollmentCode\": \"...\"}}: {e.Message}");
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private sealed record FileContent(string? Server, string? EnrollmentCode);
}
