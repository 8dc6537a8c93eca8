using Broker.Contracts;
using Broker.Contracts.Agents;
using Broker.Contracts.DeviceGroups;
using Broker.Contracts.Enrollment;
using Broker.Contracts.Sessions;
using Broker.Contracts.UserGroups;

using static Broker.LoadTest.BrokerHttp;

namespace Broker.LoadTest.Relay;

/// <summary>
/// What live sessions need on a fresh broker, set up through its API as an admin would: a user group with unattended
/// support, a device group, an agent of both, and enrolled devices (installer method, the group's code).
/// </summary>
public sealed class BrokerScene(HttpClient http, string agentToken, IReadOnlyList<EnrollResponse> devices) : IDisposable
{
    public string AgentToken => agentToken;

    public IReadOnlyList<EnrollResponse> Devices => devices;

    public static async Task<BrokerScene> CreateAsync(Uri host, int deviceCount, CancellationToken cancellationToken)
    {
        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var admin = await SignInAsync(http, host, RelayArgs.AdminEmail, RelayArgs.AdminPassword, cancellationToken);
        var userGroup = await PostAsync<UserGroupResponse>(http, new Uri(host, Routes.UserGroups), admin,
            new CreateUserGroupRequest($"Relay load {Guid.NewGuid():N}", new UserGroupSettingsPatch(UnattendedSupport: true, AttendedSupport: true)), cancellationToken);
        var group = await PostAsync<DeviceGroupResponse>(http, new Uri(host, Routes.DeviceGroups), admin,
            new CreateDeviceGroupRequest($"Relay load {Guid.NewGuid():N}"), cancellationToken);
        var password = $"relay-{Guid.NewGuid():N}";
        var agent = await PostAsync<AgentResponse>(http, new Uri(host, Routes.Agents), admin, new CreateAgentRequest(
            $"relay-{Guid.NewGuid():N}@loadtest.invalid", "Relay load agent", password, AgentRole.Agent, userGroup.Id,
            UnattendedSupportOverride.Inherit, [group.Id]), cancellationToken);
        var devices = new List<EnrollResponse>();
        for (var i = 0; i < deviceCount; i++)
        {
            devices.Add(await PostAsync<EnrollResponse>(http, new Uri(host, Routes.Enroll), null, new EnrollRequest(
                EnrollMethods.Installer, $"relay-machine-{Guid.NewGuid():N}", $"PC-{i:D4}", "Linux (load test)", EnrollmentCode: group.EnrollmentCode),
                cancellationToken));
        }

        return new BrokerScene(http, await SignInAsync(http, host, agent.Email, password, cancellationToken), devices);
    }

    /// <summary>The agent starts an unattended session on a device, through <paramref name="host"/>; the device hears <c>StartSession</c>.</summary>
    public async Task<Guid> StartSessionAsync(Uri host, Guid deviceId, CancellationToken cancellationToken) =>
        (await PostAsync<CreateSessionResponse>(http, new Uri(host, Routes.Sessions), agentToken,
            new CreateSessionRequest(SessionKinds.Unattended, deviceId), cancellationToken)).SessionId;

    public void Dispose() => http.Dispose();
}
