using System.CommandLine;
using Broker.Endpoint.Commands;
using Broker.Endpoint.Consent;
using Broker.Endpoint.Frames;
using Broker.Endpoint.Sessions;
using Broker.Endpoint.Vault;

namespace Broker.Endpoint;

/// <summary>One run of broker-endpoint: its streams, what it takes from the machine, and the command tree bound to them.</summary>
internal sealed class EndpointApp(TextWriter stdout, TextWriter stderr, TextReader stdin, EndpointEnvironment environment) : IDisposable
{
    private readonly Lazy<HttpClient> http = new(() => environment.HttpHandler is { } handler
        ? new HttpClient(handler, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(30) }
        : new HttpClient { Timeout = TimeSpan.FromSeconds(30) });

    public TextWriter Out => stdout;

    public TextWriter Error => stderr;

    public Terminal Terminal { get; } = new(stdin, stderr);

    public EndpointEnvironment Environment => environment;

    public RootCommand BuildRoot() => new("broker-endpoint: the customer-side program of a remote-support broker (unattended access).")
    {
        RunCommand.Create(this),
        SetupCommand.Create(this),
        JoinCommand.Create(this),
    };

    /// <summary>A client for the broker's HTTP API at <paramref name="server"/>.</summary>
    public BrokerApi Api(string server) => new(http.Value, server);

    /// <summary>Who answers consent requests: the environment's prompt (tests), else what <c>--consent</c> says (default: ask).</summary>
    public IConsentPrompt ConsentPrompt(ConsentMode? mode) => environment.ConsentPrompt ?? mode switch
    {
        ConsentMode.Allow => new FixedConsentPrompt(allow: true),
        ConsentMode.Deny => new FixedConsentPrompt(allow: false),
        _ => new TerminalConsentPrompt(Terminal),
    };

    /// <summary>What handles the sessions an agent starts on this computer: frames as <paramref name="frames"/> says, from the environment's source or the test pattern.</summary>
    public ISessionHandler SessionHandler(FrameSettings frames) => new StreamingSessionHandler(
        environment.FrameSource ?? new TestPatternSource(frames.Size, frames.Codec), frames.Fps, environment.Time, stdout, stderr);

    /// <summary>Runs <paramref name="action"/> for <paramref name="command"/>, turning expected failures into messages and exit codes.</summary>
    public void SetAction(Command command, Func<ParseResult, CancellationToken, Task<int>> action) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                return await action(parse, cancellationToken);
            }
            catch (EndpointException failure)
            {
                await ReportAsync(failure.Message, failure.Details);
                return failure.ExitCode;
            }
            catch (VaultException failure)
            {
                await ReportAsync(failure.Message, []);
                return ExitCodes.Failure;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await stderr.WriteLineAsync("error: interrupted");
                return ExitCodes.Interrupted;
            }
        });

    public void Dispose()
    {
        if (http.IsValueCreated)
        {
            http.Value.Dispose();
        }
    }

    private async Task ReportAsync(string message, IReadOnlyList<string> details)
    {
        await stderr.WriteLineAsync($"error: {message}");
        foreach (var detail in details)
        {
            await stderr.WriteLineAsync($"  {detail}");
        }
    }
}
