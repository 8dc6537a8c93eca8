using System.CommandLine;

namespace Broker.Cli;

/// <summary>Options every command accepts, before or after its name.</summary>
internal sealed class GlobalOptions
{
    public Option<string?> Server { get; } = new("--server")
    {
        Description = "The broker's base URL, e.g. https://broker.example.com (default: the one you signed in to)",
        HelpName = "URL",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print the broker's JSON instead of tables and text (for scripts)",
        Recursive = true,
    };

    public Option<string?> ConfigDir { get; } = new("--config-dir")
    {
        Description = "Where the sign-in is kept (default: $BROKERCTL_CONFIG_DIR, else the user's config folder/brokerctl)",
        HelpName = "DIR",
        Recursive = true,
    };

    public void AddTo(Command root)
    {
        root.Options.Add(Server);
        root.Options.Add(Json);
        root.Options.Add(ConfigDir);
    }
}
