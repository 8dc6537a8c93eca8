using System.Text;

namespace Broker.Cli;

/// <summary>Reads passwords: typed at the terminal without echo, or one line each from redirected input.</summary>
internal sealed class Terminal(TextReader stdin, TextWriter stderr)
{
    /// <summary>Only the real console can hide what is typed; an injected reader is a pipe as far as we are concerned.</summary>
    public bool IsInteractive => ReferenceEquals(stdin, Console.In) && !Console.IsInputRedirected;

    /// <summary>Reads one line of standard input, as <c>--password-stdin</c> asks.</summary>
    public string ReadLine(string what)
    {
        var line = stdin.ReadLine();
        return string.IsNullOrEmpty(line) ? throw CliException.Usage($"expected the {what} as a line on standard input") : line;
    }

    /// <summary>Prompts without echo at a terminal, otherwise reads a line of standard input.</summary>
    public string ReadSecret(string what)
    {
        if (!IsInteractive)
        {
            return ReadLine(what);
        }

        stderr.Write($"{char.ToUpperInvariant(what[0])}{what[1..]}: ");
        var secret = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                secret.Length = Math.Max(0, secret.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                secret.Append(key.KeyChar);
            }
        }

        stderr.WriteLine();
        return secret.Length > 0 ? secret.ToString() : throw CliException.Usage($"no {what} given");
    }

    /// <summary>A new password: asked twice at a terminal, since a typo would lock the account's owner out.</summary>
    public string ReadNewSecret(string what)
    {
        var secret = ReadSecret(what);
        if (IsInteractive && ReadSecret($"{what} again") != secret)
        {
            throw CliException.Usage("the two passwords differ");
        }

        return secret;
    }
}
