using System.Net;
using Broker.Contracts;
using Broker.Contracts.Enrollment;
using Broker.Endpoint.Tests.Fakes;

namespace Broker.Endpoint.Tests.Commands;

public sealed class RunEnrollmentTests : IDisposable
{
    private readonly EndpointHarness endpoint = new();

    public void Dispose() => endpoint.Dispose();

    [Fact]
    public async Task First_start_enrols_with_the_installer_s_code_saves_the_identity_and_goes_on_to_connect()
    {
        var broker = FakeBroker.NotStarted();
        var (deviceId, groupId) = (Guid.NewGuid(), Guid.NewGuid());
        endpoint.WriteEnrollmentFile(broker.Server, "ec1.contoso");
        endpoint.Api.On(HttpMethod.Post, Routes.Enroll, () => FakeBrokerApi.Json(new EnrollResponse(deviceId, "dt1.device-token", groupId, "PC-0042")));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var run = endpoint.RunAsync("", stop.Token, "run", "--config", endpoint.ConfigPath);
        await endpoint.Out.WaitForAsync($"Enrolled as PC-0042 ({deviceId}) in device group {groupId}");
        await endpoint.Out.WaitForAsync($"Cannot connect to {broker.Server}");
        stop.Cancel();

        Assert.Equal(ExitCodes.Success, await run);
        var request = Assert.Single(endpoint.Api.To(Routes.Enroll)).Json<EnrollRequest>();
        Assert.Equal(new EnrollRequest(EnrollMethods.Installer, endpoint.MachineKey, "PC-0042", "Ubuntu 24.04.1 LTS (test)", EnrollmentCode: "ec1.contoso"), request);
        var identity = endpoint.Store.Load();
        Assert.NotNull(identity);
        Assert.Equal((broker.Server, deviceId, "dt1.device-token", groupId, "PC-0042", endpoint.MachineKey),
            (identity.Server, identity.DeviceId, identity.DeviceToken, identity.DeviceGroupId, identity.Nickname, identity.MachineKey));
        Assert.DoesNotContain("dt1.device-token", endpoint.Out.Text + endpoint.Error.Text);
    }

    [Fact]
    public async Task A_rotated_or_revoked_code_ends_the_run_with_exit_code_4_and_says_what_to_do()
    {
        endpoint.Api.On(HttpMethod.Post, Routes.Enroll, () => FakeBrokerApi.Problem(
            HttpStatusCode.Forbidden, "The enrollment code is not valid: it is wrong, or it was rotated or revoked.", "Forbidden"));

        var exit = await endpoint.RunAsync("run", "--config", endpoint.ConfigPath, "--server", "http://127.0.0.1:5080", "--enrollment-code", "ec1.old");

        Assert.Equal(ExitCodes.EnrollmentRefused, exit);
        Assert.Contains("error: The enrollment code is not valid: it is wrong, or it was rotated or revoked. (403 Forbidden)", endpoint.Error.Text);
        Assert.Contains("download the device group's installer again", endpoint.Error.Text);
        Assert.DoesNotContain("   at ", endpoint.Error.Text);
        Assert.False(File.Exists(endpoint.ConfigPath));
    }

    [Fact]
    public async Task Validation_errors_are_listed_one_per_line_with_exit_code_2()
    {
        endpoint.Api.On(HttpMethod.Post, Routes.Enroll, () => FakeBrokerApi.Problem(
            HttpStatusCode.BadRequest, null, "One or more validation errors occurred.",
            new() { ["computerName"] = ["A name is required."], ["os"] = ["The operating system is required."] }));

        var exit = await endpoint.RunAsync("run", "--config", endpoint.ConfigPath, "--server", "http://127.0.0.1:5080", "--enrollment-code", "ec1.code");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("the broker refused the enrolment as invalid: One or more validation errors occurred. (400 Bad Request)", endpoint.Error.Text);
        Assert.Contains("  computerName: A name is required.", endpoint.Error.Text);
        Assert.Contains("  os: The operating system is required.", endpoint.Error.Text);
    }

    [Fact]
    public async Task A_busy_or_throttling_broker_is_waited_for_as_it_asks_then_enrolment_goes_on()
    {
        var broker = FakeBroker.NotStarted();
        endpoint.Api
            .On(HttpMethod.Post, Routes.Enroll, () => FakeBrokerApi.Problem(HttpStatusCode.TooManyRequests, "Too many enrolments.", retryAfter: TimeSpan.FromSeconds(1)))
            .On(HttpMethod.Post, Routes.Enroll, () => throw new HttpRequestException("Connection refused"))
            .On(HttpMethod.Post, Routes.Enroll, () => FakeBrokerApi.Json(new EnrollResponse(Guid.NewGuid(), "dt1.token", Guid.NewGuid(), "PC-0042")));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var run = endpoint.RunAsync("", stop.Token, "run", "--config", endpoint.ConfigPath, "--server", broker.Server, "--enrollment-code", "ec1.code");
        await endpoint.Out.WaitForAsync("Enrolled as PC-0042");
        stop.Cancel();

        Assert.Equal(ExitCodes.Success, await run);
        Assert.Contains($"Cannot enrol with {broker.Server}: Too many enrolments. Try again in 1 seconds. (429 Too Many Requests); retrying in 1s", endpoint.Out.Text);
        Assert.Contains($"Cannot enrol with {broker.Server}: cannot reach the broker at {broker.Server}: Connection refused; retrying in", endpoint.Out.Text);
        Assert.Equal(3, endpoint.Api.To(Routes.Enroll).Count());
    }

    [Fact]
    public async Task Without_an_identity_or_an_enrollment_code_the_run_explains_the_ways_to_enrol()
    {
        var exit = await endpoint.RunAsync("run", "--config", endpoint.ConfigPath);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("this computer is not enrolled yet", endpoint.Error.Text);
        Assert.Contains("--server URL --enrollment-code CODE", endpoint.Error.Text);
        Assert.Contains("broker-endpoint setup --server URL", endpoint.Error.Text);
        Assert.Empty(endpoint.Api.Requests);
    }

    [Theory]
    [InlineData("--consent", "maybe", "'maybe' is not a valid value for --consent")]
    [InlineData("--heartbeat", "0", "--heartbeat takes a whole number of seconds, at least 1")]
    public async Task Bad_options_are_refused_before_anything_happens(string option, string value, string message)
    {
        var exit = await endpoint.RunAsync("run", "--config", endpoint.ConfigPath, option, value);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains(message, endpoint.Error.Text);
        Assert.Contains("Run 'broker-endpoint run --help' for usage.", endpoint.Error.Text);
    }
}
