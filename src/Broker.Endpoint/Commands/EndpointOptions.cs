using System.CommandLine;
using Broker.Endpoint.Consent;

namespace Broker.Endpoint.Commands;

/// <summary>Options with the endpoint's own parsing, so that bad input is refused before anything happens, in words.</summary>
internal static class EndpointOptions
{
    public static Option<string?> Config() => new("--config")
    {
        Description = "The identity file (default: /etc/broker-endpoint/endpoint.json as root on Linux, else "
            + "$XDG_CONFIG_HOME or ~/.config/broker-endpoint/endpoint.json; CommonApplicationData on Windows)",
        HelpName = "PATH",
    };

    public static Option<string?> Server(string description) => new("--server")
    {
        Description = description,
        HelpName = "URL",
    };

    /// <summary>A whole number of seconds, at least one.</summary>
    public static Option<int> Seconds(string name, int defaultValue, string description)
    {
        var option = new Option<int>(name)
        {
            Description = description,
            HelpName = "SECONDS",
            DefaultValueFactory = _ => defaultValue,
        };
        option.Validators.Add(result =>
        {
            // A value that is no number at all gets the parser's own error; asking for it here would throw.
            if (result.Tokens is [{ Value: var value }] && int.TryParse(value, out var seconds) && seconds < 1)
            {
                result.AddError($"{name} takes a whole number of seconds, at least 1");
            }
        });
        return option;
    }

    /// <summary><c>--consent</c>; not given means <see cref="ConsentMode.Ask"/>.</summary>
    public static Option<ConsentMode?> Consent()
    {
        var option = new Option<ConsentMode?>("--consent")
        {
            Description = "How to answer an agent's request for unattended access: ask on this terminal (the default; no answer means no), "
                + "allow without asking (no OS login is stored), or deny",
            HelpName = "ask|allow|deny",
            CustomParser = result =>
            {
                if (result.Tokens.Count == 0)
                {
                    return null;
                }

                var value = result.Tokens[0].Value;
                if (!int.TryParse(value, out _) && Enum.TryParse<ConsentMode>(value, ignoreCase: true, out var mode) && Enum.IsDefined(mode))
                {
                    return mode;
                }

                result.AddError($"'{value}' is not a valid value for --consent: use ask, allow or deny");
                return null;
            },
        };
        option.CompletionSources.Add("ask", "allow", "deny");
        return option;
    }

    /// <summary>
    /// A yes/no choice that is asked when not given. A string, not a bool: System.CommandLine lets a bool option take
    /// only "true" or "false" as its value, and a person answers yes or no.
    /// </summary>
    public static Option<string?> YesNo(string name, string description)
    {
        var option = new Option<string?>(name) { Description = description, HelpName = "yes|no" };
        option.Validators.Add(result =>
        {
            if (result.Tokens is [{ Value: var value }] && AsYesNo(value) is null)
            {
                result.AddError($"'{value}' is not a valid value for {name}: use yes or no");
            }
        });
        option.CompletionSources.Add("yes", "no");
        return option;
    }

    /// <summary>The choice of a <see cref="YesNo"/> option, or null when it was not given.</summary>
    public static bool? AsYesNo(string? value) => value?.ToLowerInvariant() switch
    {
        "yes" or "y" or "true" => true,
        "no" or "n" or "false" => false,
        _ => null,
    };
}
