using System.Text;
using Broker.Endpoint.Vault;

namespace Broker.Endpoint;

/// <summary>
/// Asks the person at this computer: questions on standard error, answers from standard input; at a real terminal
/// passwords are typed without echo, otherwise each answer is one line of (redirected) input.
/// </summary>
internal sealed class Terminal(TextReader stdin, TextWriter prompts)
{
    /// <summary>One conversation at a time: two consent requests must not interleave their questions.</summary>
    public SemaphoreSlim Conversation { get; } = new(1, 1);

    /// <summary>Where questions go (standard error), for lists that precede a question.</summary>
    public TextWriter Prompts => prompts;

    /// <summary>Only the real console can hide what is typed; an injected reader is a pipe as far as we are concerned.</summary>
    public bool IsInteractive => ReferenceEquals(stdin, Console.In) && !Console.IsInputRedirected;

    /// <summary>Asks <paramref name="question"/> and returns the answer, trimmed; null at the end of input.</summary>
    public async Task<string?> AskAsync(string question, CancellationToken cancellationToken)
    {
        await PromptAsync(question);
        return (await ReadLineAsync(cancellationToken))?.Trim();
    }

    /// <summary>Asks a yes/no question whose answer is no unless the person says yes (also at the end of input).</summary>
    public async Task<bool> ConfirmAsync(string question, CancellationToken cancellationToken) =>
        await AskAsync($"{question} [y/N]", cancellationToken) is { } answer
        && (answer.Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Equals("yes", StringComparison.OrdinalIgnoreCase));

    /// <summary>Asks for a secret: without echo at a terminal, otherwise one line of input, taken as typed. Null at the end of input.</summary>
    public async Task<string?> AskSecretAsync(string question, CancellationToken cancellationToken)
    {
        await PromptAsync(question);
        if (!IsInteractive)
        {
            return await ReadLineAsync(cancellationToken);
        }

        var secret = await Task.Run(ReadWithoutEcho, cancellationToken).WaitAsync(cancellationToken);
        await prompts.WriteLineAsync();
        return secret;
    }

    /// <summary>Asks for the OS login to store: <c>domain\user</c> and its password. Null when no user name is given.</summary>
    public async Task<OsCredential?> AskCredentialAsync(CancellationToken cancellationToken)
    {
        var user = await AskAsync(@"OS user (domain\user)", cancellationToken);
        if (string.IsNullOrEmpty(user))
        {
            return null;
        }

        var password = await AskSecretAsync($"Password of {user}", cancellationToken);
        return string.IsNullOrEmpty(password) ? null : new OsCredential(user, password);
    }

    /// <summary>Text from the broker (an agent's name, a group's name) without control characters, so it cannot drive the terminal.</summary>
    public static string Printable(string? text) =>
        string.IsNullOrEmpty(text) ? "" : string.Concat(text.Where(c => !char.IsControl(c)));

    private async Task PromptAsync(string question)
    {
        // At a terminal the answer follows the question on the same line; in a log of redirected input a line per question reads better.
        if (IsInteractive)
        {
            await prompts.WriteAsync($"{question}: ");
        }
        else
        {
            await prompts.WriteLineAsync($"{question}:");
        }

        await prompts.FlushAsync();
    }

    /// <summary>Reads one line of input without asking (e.g. <c>--password-stdin</c>); null at the end of input.</summary>
    /// <remarks>Console input blocks its thread; reading on another one keeps the wait cancellable (Ctrl+C, SIGTERM).</remarks>
    public Task<string?> ReadLineAsync(CancellationToken cancellationToken) =>
        Task.Run(stdin.ReadLine, cancellationToken).WaitAsync(cancellationToken);

    private static string? ReadWithoutEcho()
    {
        var secret = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    return secret.ToString();
                case ConsoleKey.Backspace:
                    secret.Length = Math.Max(0, secret.Length - 1);
                    break;
                default:
                    if (!char.IsControl(key.KeyChar))
                    {
                        secret.Append(key.KeyChar);
                    }

                    break;
            }
        }
    }
}
