using Broker.Server;
using Microsoft.Extensions.Options;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddBrokerServer();

    var app = builder.Build();
    app.MapBroker();
    await app.RunAsync();
    return 0;
}
catch (BrokerStartupException exception)
{
    await Console.Error.WriteLineAsync($"broker: {exception.Message}");
    return 1;
}
catch (OptionsValidationException exception)
{
    await Console.Error.WriteLineAsync($"broker: the configuration is not valid: {string.Join(" ", exception.Failures)}");
    return 1;
}

/// <summary>The broker host: one silo and its web front (see <see cref="BrokerServerExtensions"/>).</summary>
public partial class Program;
