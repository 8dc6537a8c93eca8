using System.CommandLine;
using Broker.Contracts;

namespace Broker.Cli;

/// <summary>What a command's action works with: its parsed arguments, the output, the config and the broker.</summary>
internal sealed class Invocation : IDisposable
{
    private readonly CliApp app;
    private readonly Lazy<HttpClient> http;

    public Invocation(CliApp app, ParseResult parse, CancellationToken cancellationToken)
    {
        this.app = app;
        Parse = parse;
        CancellationToken = cancellationToken;
        Output = new Output(app.Out, parse.GetValue(app.Globals.Json));
        Config = new ConfigStore(ConfigStore.ResolveDirectory(parse.GetValue(app.Globals.ConfigDir)), app.Error);
        Terminal = new Terminal(app.In, app.Error);
        http = new Lazy<HttpClient>(() => app.Handler is { } handler
            ? new HttpClient(handler, disposeHandler: false) { Timeout = Timeout }
            : new HttpClient { Timeout = Timeout });
    }

    private static TimeSpan Timeout => TimeSpan.FromSeconds(30);

    public ParseResult Parse { get; }

    public CancellationToken CancellationToken { get; }

    public Output Output { get; }

    public ConfigStore Config { get; }

    public Terminal Terminal { get; }

    public TextWriter Error => app.Error;

    /// <summary>--server, checked and normalized, or null when not given (commands then use the saved server).</summary>
    public string? ServerOption => Parse.GetValue(app.Globals.Server) is { Length: > 0 } server ? ServerUrl.Normalize(server) : null;

    public T? Value<T>(Option<T> option) => Parse.GetValue(option);

    public T Value<T>(Argument<T> argument) => Parse.GetValue(argument)!;

    /// <summary>Whether the option was given at all, as opposed to given with its default value.</summary>
    public bool Has(Option option) => Parse.GetResult(option) is { Implicit: false };

    /// <summary>A client for the broker signed in to (or --server, if that is the same one), carrying the saved token.</summary>
    public BrokerClient SignedIn()
    {
        var config = Config.Load();
        var server = ServerOption ?? config.Server ?? throw CliException.NotSignedIn();
        if (config.TokenFor(server, DateTimeOffset.UtcNow) is { } token)
        {
            return new BrokerClient(http.Value, server, token);
        }

        throw CliException.NotSignedIn(config is { Server: { } saved, AccessToken: not null } && !BrokerUrl.Same(saved, server)
            ? $"(signed in to {saved}, not to {server})"
            : null);
    }

    /// <summary>A client without a token, for signing in.</summary>
    public BrokerClient Anonymous(string server) => new(http.Value, server, accessToken: null);

    public void Dispose()
    {
        if (http.IsValueCreated)
        {
            http.Value.Dispose();
        }
    }
}
