using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Broker.Contracts;
using Broker.Contracts.Agents;
using Broker.Contracts.DeviceGroups;
using Broker.Contracts.Devices;
using Broker.Contracts.Enrollment;
using Broker.Contracts.UserGroups;

using static Broker.LoadTest.BrokerHttp;

namespace Broker.LoadTest.Presence;

/// <summary>
/// The broker's side of the presence benchmark, set up through its API as an admin would: a user group, a device group,
/// an agent who reaches it (and watches its presence), and N devices enrolled with the group's code (installer method,
/// the mass-deployment path), 64 at a time, each through a host picked at random: a device's grain may live on any host
/// (Orleans' resource-optimized placement prefers the host that activates it), not only on the one its endpoint connects to.
/// </summary>
public sealed class PresenceScene(HttpClient http, Uri host, string agentToken, Guid deviceGroupId, IReadOnlyList<EnrollResponse> devices, TimeSpan enrolment)
    : IDisposable
{
    private const int EnrolmentConcurrency = 64;

    public string AgentToken => agentToken;

    public IReadOnlyList<EnrollResponse> Devices => devices;

    /// <summary>How long enrolling all devices took.</summary>
    public TimeSpan Enrolment => enrolment;

    public static async Task<PresenceScene> CreateAsync(IReadOnlyList<Uri> hosts, int deviceCount, CancellationToken cancellationToken)
    {
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = EnrolmentConcurrency }) { Timeout = TimeSpan.FromSeconds(120) };
        var host = hosts[0];
        var admin = await SignInAsync(http, host, PresenceArgs.AdminEmail, PresenceArgs.AdminPassword, cancellationToken);
        var userGroup = await PostAsync<UserGroupResponse>(http, new Uri(host, Routes.UserGroups), admin,
            new CreateUserGroupRequest($"Presence load {Guid.NewGuid():N}", new UserGroupSettingsPatch(UnattendedSupport: true, AttendedSupport: true)), cancellationToken);
        var group = await PostAsync<DeviceGroupResponse>(http, new Uri(host, Routes.DeviceGroups), admin,
            new CreateDeviceGroupRequest($"Presence load {Guid.NewGuid():N}"), cancellationToken);
        var password = $"presence-{Guid.NewGuid():N}";
        var agent = await PostAsync<AgentResponse>(http, new Uri(host, Routes.Agents), admin, new CreateAgentRequest(
            $"presence-{Guid.NewGuid():N}@loadtest.invalid", "Presence load agent", password, AgentRole.Agent, userGroup.Id,
            UnattendedSupportOverride.Inherit, [group.Id]), cancellationToken);

        var devices = new EnrollResponse[deviceCount];
        var clock = Stopwatch.StartNew();
        await Parallel.ForAsync(0, deviceCount, new ParallelOptions { MaxDegreeOfParallelism = EnrolmentConcurrency, CancellationToken = cancellationToken },
            async (i, token) => devices[i] = await PostAsync<EnrollResponse>(http, new Uri(hosts[Random.Shared.Next(hosts.Count)], Routes.Enroll), null, new EnrollRequest(
                EnrollMethods.Installer, $"presence-machine-{Guid.NewGuid():N}", $"PC-{i:D6}", "Linux (load test)", EnrollmentCode: group.EnrollmentCode), token));
        clock.Stop();
        return new PresenceScene(http, host, await SignInAsync(http, host, agent.Email, password, cancellationToken), group.Id, devices, clock.Elapsed);
    }

    /// <summary>The online count of the benchmark's group on the agent's dashboard (<c>GET /api/dashboard</c>).</summary>
    public async Task<int> DashboardOnlineAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(host, Routes.Dashboard));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", agentToken);
        using var response = await http.SendAsync(request, cancellationToken);
        var groups = await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<DashboardGroupResponse[]>(BrokerJson.Options, cancellationToken);
        return groups!.Where(g => g.DeviceGroup.Id == deviceGroupId).Sum(g => g.OnlineCount);
    }

    public void Dispose() => http.Dispose();
}
