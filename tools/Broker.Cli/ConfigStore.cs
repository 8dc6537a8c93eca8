using System.Text.Json;
using Broker.Contracts;

namespace Broker.Cli;

/// <summary>Reads and writes config.json, readable by its owner only since it holds a bearer token.</summary>
internal sealed class ConfigStore(string directory, TextWriter warnings)
{
    public const string FileName = "config.json";
    public const string DirectoryVariable = "BROKERCTL_CONFIG_DIR";

    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private static readonly JsonSerializerOptions Indented = new(BrokerJson.Options) { WriteIndented = true };

    public string Path { get; } = System.IO.Path.Combine(directory, FileName);

    /// <summary>--config-dir, else $BROKERCTL_CONFIG_DIR, else the user's application-data folder.</summary>
    public static string ResolveDirectory(string? option)
    {
        if (!string.IsNullOrWhiteSpace(option))
        {
            return option;
        }

        if (Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        var appData = Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData);
        return appData.Length > 0
            ? System.IO.Path.Combine(appData, "brokerctl")
            : throw CliException.Usage($"cannot find a config folder: give --config-dir DIR or set {DirectoryVariable}");
    }

    /// <summary>The saved config, or an empty one when there is none or it cannot be read (then login starts afresh).</summary>
    public CliConfig Load()
    {
        try
        {
            if (!File.Exists(Path))
            {
                return CliConfig.Empty;
            }

            return JsonSerializer.Deserialize<CliConfig>(File.ReadAllText(Path), BrokerJson.Options) ?? CliConfig.Empty;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            warnings.WriteLine($"warning: ignoring {Path}: {e.Message}");
            return CliConfig.Empty;
        }
    }

    public void Save(CliConfig config)
    {
        try
        {
            if (OperatingSystem.IsWindows())
            {
                // The user's profile folder is already private on Windows; Unix modes do not apply.
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, OwnerOnlyDirectory);
            }

            // Write a private temporary file and move it over the old one: the token is never world-readable, not even
            // for a moment, and an interrupted write cannot leave half a file behind.
            var temporary = Path + ".tmp";
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerOnlyFile;
            }

            // A leftover from an interrupted run may have other permissions; the mode only applies to a file we create.
            File.Delete(temporary);

            using (var stream = new FileStream(temporary, options))
            {
                JsonSerializer.Serialize(stream, config, Indented);
            }

            File.Move(temporary, Path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.Failure, $"cannot save {Path}: {e.Message}");
        }
    }
}
