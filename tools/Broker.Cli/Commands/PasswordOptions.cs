using System.CommandLine;

namespace Broker.Cli.Commands;

/// <summary><c>--password</c> and <c>--password-stdin</c>, falling back to a prompt without echo.</summary>
internal sealed class PasswordOptions(string what)
{
    public Option<string?> Password { get; } = new("--password")
    {
        Description = $"The {what}; other users may see it in the process list, so prefer --password-stdin or the prompt",
        HelpName = "PASSWORD",
    };

    public Option<bool> Stdin { get; } = new("--password-stdin")
    {
        Description = $"Read the {what} from the first line of standard input",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Password);
        command.Options.Add(Stdin);
    }

    /// <summary>The password from the option, standard input, or a prompt; a new one is prompted for twice.</summary>
    public string Read(Invocation invocation, bool isNew)
    {
        var given = invocation.Value(Password);
        if (given is not null && invocation.Value(Stdin))
        {
            throw CliException.Usage("give --password or --password-stdin, not both");
        }

        if (given is not null)
        {
            return given.Length > 0 ? given : throw CliException.Usage($"the {what} is empty");
        }

        return invocation.Value(Stdin) ? invocation.Terminal.ReadLine(what)
            : isNew ? invocation.Terminal.ReadNewSecret(what)
            : invocation.Terminal.ReadSecret(what);
    }
}
