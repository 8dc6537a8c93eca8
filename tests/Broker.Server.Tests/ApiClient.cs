using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Broker.Contracts;
using Broker.Contracts.Agents;
using Broker.Contracts.Auth;
using Broker.Contracts.DeviceGroups;
using Broker.Contracts.UserGroups;

namespace Broker.Server.Tests;

/// <summary>An HTTP client of the broker with the contract's JSON conventions and helpers to set up accounts.</summary>
public sealed class ApiClient(HttpClient http) : IDisposable
{
    public HttpClient Http => http;

    public static async Task<ApiClient> SignInAsync(BrokerHost host, string email, string password)
    {
        var client = new ApiClient(host.CreateClient());
        var login = await client.PostAsync(Routes.Login, new LoginRequest(email, password));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        client.UseToken((await login.ReadAsync<LoginResponse>()).AccessToken);
        return client;
    }

    public static ApiClient Anonymous(BrokerHost host) => new(host.CreateClient());

    public void UseToken(string? token) =>
        http.DefaultRequestHeaders.Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token);

    public Task<HttpResponseMessage> GetAsync(string path) => http.GetAsync(path);

    public Task<HttpResponseMessage> PostAsync<T>(string path, T body) => http.PostAsJsonAsync(path, body, BrokerJson.Options);

    public Task<HttpResponseMessage> PostRawAsync(string path, string json) =>
        http.PostAsync(path, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    public Task<HttpResponseMessage> PatchAsync<T>(string path, T body) => http.PatchAsJsonAsync(path, body, BrokerJson.Options);

    public Task<HttpResponseMessage> DeleteAsync(string path) => http.DeleteAsync(path);

    public async Task<UserGroupResponse> CreateUserGroupAsync(bool? unattended = null, bool? attended = null)
    {
        var response = await PostAsync(Routes.UserGroups,
            new CreateUserGroupRequest($"Team {Guid.NewGuid():N}", new UserGroupSettingsPatch(unattended, attended)));
        return await response.ExpectAsync<UserGroupResponse>(HttpStatusCode.Created);
    }

    public async Task<DeviceGroupResponse> CreateDeviceGroupAsync()
    {
        var response = await PostAsync(Routes.DeviceGroups, new CreateDeviceGroupRequest($"Company {Guid.NewGuid():N}"));
        return await response.ExpectAsync<DeviceGroupResponse>(HttpStatusCode.Created);
    }

    public async Task<(AgentResponse Agent, string Password)> CreateAgentAsync(
        Guid userGroupId, AgentRole role = AgentRole.Agent, UnattendedSupportOverride unattended = UnattendedSupportOverride.Inherit,
        params Guid[] deviceGroupIds)
    {
        var password = $"pw-{Guid.NewGuid():N}";
        var response = await PostAsync(Routes.Agents, new CreateAgentRequest(
            $"{Guid.NewGuid():N}@example.test", "Test Agent", password, role, userGroupId, unattended, deviceGroupIds));
        return (await response.ExpectAsync<AgentResponse>(HttpStatusCode.Created), password);
    }

    public void Dispose() => http.Dispose();
}
