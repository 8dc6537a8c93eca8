using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.Json;

namespace Broker.Cli;

/// <summary>Arguments and options with brokerctl's own parsing, so that bad input is refused before any request, in words.</summary>
internal static class CliSymbols
{
    public static Argument<Guid> IdArgument(string what) => new("id")
    {
        Description = $"The {what}'s id",
        HelpName = "ID",
        CustomParser = result => ParseId(result, result.Tokens[0].Value),
    };

    public static Option<Guid?> IdOption(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "ID",
        CustomParser = result => ParseId(result, result.Tokens[0].Value),
    };

    /// <summary>Ids given as a repeated option, comma-separated, or both: <c>--x A --x B,C</c>.</summary>
    public static Option<Guid[]> IdListOption(string name, string description, params string[] aliases) => new(name, aliases)
    {
        Description = description,
        HelpName = "ID[,ID...]",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
        CustomParser = result => [.. result.Tokens
            .SelectMany(token => token.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(value => ParseId(result, value))
            .Distinct()],
    };

    /// <summary>An enum by its wire name ("admin", "inherit"), never by number, so that help and errors show the real choices.</summary>
    public static Option<T?> ChoiceOption<T>(string name, string description)
        where T : struct, Enum
    {
        var names = Enum.GetValues<T>().ToDictionary(value => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString()), value => value);
        var option = new Option<T?>(name)
        {
            Description = description,
            HelpName = string.Join('|', names.Keys),
            CustomParser = result =>
            {
                var value = result.Tokens[0].Value;
                if (names.TryGetValue(value.ToLowerInvariant(), out var choice))
                {
                    return choice;
                }

                result.AddError($"'{value}' is not a valid value for {name}: use {string.Join(", ", names.Keys)}");
                return null;
            },
        };
        option.CompletionSources.Add([.. names.Keys]);
        return option;
    }

    /// <summary>A setting that is left alone unless given, and then needs an explicit <c>true</c> or <c>false</c>.</summary>
    public static Option<bool?> SwitchOption(string name, string description)
    {
        var option = new Option<bool?>(name)
        {
            Description = description,
            HelpName = "true|false",
            Arity = ArgumentArity.ExactlyOne,
            CustomParser = result =>
            {
                var value = result.Tokens[0].Value;
                if (bool.TryParse(value, out var flag))
                {
                    return flag;
                }

                result.AddError($"'{value}' is not a valid value for {name}: use true or false");
                return null;
            },
        };
        option.CompletionSources.Add("true", "false");
        return option;
    }

    private static Guid ParseId(ArgumentResult result, string value)
    {
        if (Guid.TryParse(value, out var id))
        {
            return id;
        }

        result.AddError($"'{value}' is not an id (ids look like 3f2504e0-4f89-11d3-9a0c-0305e82c3301)");
        return Guid.Empty;
    }
}
