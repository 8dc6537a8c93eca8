using Broker.Server;

var builder = WebApplication.CreateBuilder(args);
builder.AddBrokerServer();

var app = builder.Build();
app.MapBroker();
app.Run();

/// <summary>The broker host: one silo and its web front (see <see cref="BrokerServerExtensions"/>).</summary>
public partial class Program;
