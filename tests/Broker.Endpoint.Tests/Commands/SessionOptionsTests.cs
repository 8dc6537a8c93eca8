namespace Broker.Endpoint.Tests.Commands;

/// <summary><c>--protocol</c>, <c>--fps</c>, <c>--frame-size</c> and <c>--codec</c>: bad values end the command at once with exit code 2 and words.</summary>
public sealed class SessionOptionsTests : IDisposable
{
    private readonly EndpointHarness endpoint = new();

    public void Dispose() => endpoint.Dispose();

    [Theory]
    [InlineData("--fps", "0", "--fps takes a whole number of frames a second, from 1 to 60")]
    [InlineData("--fps", "61", "--fps takes a whole number of frames a second, from 1 to 60")]
    [InlineData("--frame-size", "640", "'640' is not a valid value for --frame-size: use WIDTHxHEIGHT in pixels, e.g. 1280x720, each side at least 16 and at most 7680x4320")]
    [InlineData("--frame-size", "15x360", "'15x360' is not a valid value for --frame-size")]
    [InlineData("--frame-size", "7681x360", "'7681x360' is not a valid value for --frame-size")]
    [InlineData("--frame-size", "-640x360", "'-640x360' is not a valid value for --frame-size")]
    [InlineData("--frame-size", "640x360x2", "'640x360x2' is not a valid value for --frame-size")]
    [InlineData("--codec", "jpeg", "'jpeg' is not a valid value for --codec: use png or raw-bgra")]
    [InlineData("--protocol", "xml", "'xml' is not a valid value for --protocol: use messagepack or json")]
    public async Task A_bad_value_is_refused_before_anything_happens(string option, string value, string message)
    {
        var exit = await endpoint.RunAsync("run", "--config", endpoint.ConfigPath, option, value);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains($"error: {message}", endpoint.Error.Text);
        Assert.Contains(option, endpoint.Error.Text);
        Assert.Contains("Run 'broker-endpoint run --help' for usage.", endpoint.Error.Text);
        Assert.Empty(endpoint.Out.Text);
        Assert.Empty(endpoint.Api.Requests);
    }

    [Theory]
    [InlineData("--fps")]
    [InlineData("--heartbeat")]
    [InlineData("--max-retry-delay")]
    public async Task A_word_where_a_number_belongs_is_refused_not_a_crash(string option)
    {
        var exit = await endpoint.RunAsync("run", "--config", endpoint.ConfigPath, option, "ten");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains($"error: Cannot parse argument 'ten' for option '{option}'", endpoint.Error.Text);
    }

    [Fact]
    public async Task Raw_frames_over_the_broker_s_limit_are_refused()
    {
        var exit = await endpoint.RunAsync("run", "--config", endpoint.ConfigPath, "--codec", "raw-bgra", "--frame-size", "1920x1080");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("error: --frame-size 1920x1080 with --codec raw-bgra makes frames of 8294400 bytes, over the broker's limit of 4194304 (4 MiB)",
            endpoint.Error.Text);
    }

    [Theory]
    [InlineData("--codec", "RAW-BGRA", "--frame-size", "1024x1024")]
    [InlineData("--codec", "png", "--frame-size", "7680X4320")]
    [InlineData("--protocol", "JSON", "--fps", "60")]
    [InlineData("--protocol", "messagepack", "--fps", "1")]
    public async Task Good_values_pass_on_to_the_command(params string[] options)
    {
        // Not enrolled and nothing to enrol with: the command itself runs and says so, after the options were taken.
        var exit = await endpoint.RunAsync(["run", "--config", endpoint.ConfigPath, .. options]);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("this computer is not enrolled yet", endpoint.Error.Text);
        Assert.DoesNotContain("--help", endpoint.Error.Text);
    }

    [Fact]
    public async Task Join_takes_the_same_options_and_refuses_the_same_bad_values()
    {
        var exit = await endpoint.RunAsync("join", "--server", "http://127.0.0.1:9", "--key", "123456789", "--codec", "gif");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("error: 'gif' is not a valid value for --codec: use png or raw-bgra", endpoint.Error.Text);
        Assert.Contains("Run 'broker-endpoint join --help' for usage.", endpoint.Error.Text);
        Assert.Empty(endpoint.Api.Requests);
    }
}
