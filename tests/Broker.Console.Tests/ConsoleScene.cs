using Broker.Contracts.DeviceGroups;
using Broker.Contracts.UserGroups;

namespace Broker.Console.Tests;

/// <summary>
/// What a console test works with: a user group, a device group, an agent of both who signs in at the browser, and the
/// real broker-endpoint program as installed computers (<c>run</c> with the group's enrollment code) or customers (<c>join</c>).
/// </summary>
public sealed class ConsoleScene : IDisposable
{
    private readonly string _home = Path.Combine(Path.GetTempPath(), "console-tests", Guid.NewGuid().ToString("N"));

    private ConsoleScene(ConsoleFixture fixture, ApiClient admin, UserGroupResponse userGroup, DeviceGroupResponse group, Guid agentId, string email, string password)
    {
        Fixture = fixture;
        Admin = admin;
        UserGroup = userGroup;
        Group = group;
        AgentId = agentId;
        AgentEmail = email;
        AgentPassword = password;
    }

    public ConsoleFixture Fixture { get; }

    public ApiClient Admin { get; }

    public UserGroupResponse UserGroup { get; }

    public DeviceGroupResponse Group { get; }

    public Guid AgentId { get; }

    public string AgentEmail { get; }

    public string AgentPassword { get; }

    public static async Task<ConsoleScene> CreateAsync(ConsoleFixture fixture, bool unattended = true)
    {
        var admin = await fixture.AdminAsync();
        var userGroup = await admin.CreateUserGroupAsync(unattended: unattended);
        var group = await admin.CreateDeviceGroupAsync();
        var (agent, password) = await admin.CreateAgentAsync(userGroup.Id, deviceGroupIds: group.Id);
        return new ConsoleScene(fixture, admin, userGroup, group, agent.Id, agent.Email, password);
    }

    private static string EndpointDll => BuiltProgram.Locate(Path.Combine("src", "Broker.Endpoint"), "broker-endpoint.dll");

    private string Server => Fixture.Host.Address.ToString();

    /// <summary>An installed computer: enrols into the group with its code on first start, then stays connected.</summary>
    public EndpointProcess StartComputer(string name) => EndpointProcess.Start(EndpointDll,
        ["run", "--server", Server, "--enrollment-code", Group.EnrollmentCode!, "--config", Path.Combine(_home, $"{name}.json"),
         "--heartbeat", "1", "--max-retry-delay", "1", "--fps", "10"],
        _home, MachineOf(name));

    /// <summary>A customer joining an attended session with the support key, answering consent with <paramref name="consent"/>.</summary>
    public EndpointProcess Join(string name, string supportKey, string consent) => EndpointProcess.Start(EndpointDll,
        ["join", "--server", Server, "--key", supportKey, "--consent", consent, "--config", Path.Combine(_home, $"{name}.json")],
        _home, MachineOf(name));

    /// <summary>Each endpoint is its own computer: its own machine id, kept for its later starts.</summary>
    private Dictionary<string, string> MachineOf(string name)
    {
        Directory.CreateDirectory(_home);
        var path = Path.Combine(_home, $"{name}.machine-id");
        if (!File.Exists(path))
        {
            File.WriteAllText(path, Guid.NewGuid().ToString("N"));
        }

        return new() { ["BROKER_ENDPOINT_MACHINE_ID_FILE"] = path };
    }

    public void Dispose()
    {
        Admin.Dispose();
        if (Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }
    }
}
