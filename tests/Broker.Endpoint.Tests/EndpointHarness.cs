using Broker.Endpoint.Connection;
using Broker.Endpoint.Identity;
using Broker.Endpoint.Tests.Fakes;

namespace Broker.Endpoint.Tests;

/// <summary>One endpoint run in-process: its own folders, machine id, fake HTTP API, and captured output.</summary>
internal sealed class EndpointHarness : IDisposable
{
    public const string ComputerName = "PC-0042";
    public const string MachineId = "4c4c4544003957108052b4c04f384d32";

    private readonly TempFolder folder = new();

    public EndpointHarness()
    {
        Directory.CreateDirectory(ProgramFolder);
        File.WriteAllText(MachineIdPath, MachineId + "\n");
        Environment = new EndpointEnvironment
        {
            HttpHandler = Api,
            BaseDirectory = ProgramFolder,
            MachineIdPath = MachineIdPath,
            ComputerName = ComputerName,
            OsDescription = "Ubuntu 24.04.1 LTS (test)",
            Backoff = new ReconnectPolicy(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(200), Random.Shared),
        };
    }

    public FakeBrokerApi Api { get; } = new();

    public LineWriter Out { get; } = new();

    public LineWriter Error { get; } = new();

    public EndpointEnvironment Environment { get; set; }

    /// <summary>Where the installer unpacked the program (and its enrollment.json).</summary>
    public string ProgramFolder => folder.File("opt", "broker-endpoint");

    public string MachineIdPath => folder.File("machine-id");

    public string ConfigPath => folder.File("etc", "broker-endpoint", "endpoint.json");

    public IdentityStore Store => new(ConfigPath);

    public string MachineKey => Broker.Endpoint.Identity.MachineKey.FromMachineId(MachineIdPath)!;

    public Task<int> RunAsync(string stdin, CancellationToken cancellationToken, params string[] args) =>
        EndpointProgram.RunAsync(args, Out, Error, new StringReader(stdin), Environment, cancellationToken);

    public Task<int> RunAsync(params string[] args) => RunAsync("", TestContext.Current.CancellationToken, args);

    public void WriteEnrollmentFile(string server, string enrollmentCode) =>
        File.WriteAllText(Path.Combine(ProgramFolder, "enrollment.json"), $$"""{ "server": "{{server}}/", "enrollmentCode": "{{enrollmentCode}}" }""");

    public EndpointIdentity Enrolled(string server, string deviceToken)
    {
        var identity = new EndpointIdentity(server, Guid.NewGuid(), deviceToken, Guid.NewGuid(), ComputerName, MachineKey);
        Store.Save(identity);
        return identity;
    }

    public void Dispose() => folder.Dispose();
}
