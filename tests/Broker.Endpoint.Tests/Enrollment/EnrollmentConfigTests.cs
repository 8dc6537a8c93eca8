using Broker.Endpoint.Enrollment;

namespace Broker.Endpoint.Tests.Enrollment;

public sealed class EnrollmentConfigTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private string WriteFile(string name, string json)
    {
        var path = folder.File(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void The_installer_s_file_beside_the_program_is_found()
    {
        WriteFile("enrollment.json", """{ "server": "https://broker.example.com/", "enrollmentCode": "ec1.group.code" }""");

        var config = EnrollmentConfig.Find(server: null, code: null, file: null, folder.Path);

        Assert.Equal(new EnrollmentConfig("https://broker.example.com", "ec1.group.code"), config);
    }

    [Fact]
    public void A_file_given_on_the_command_line_is_used_instead()
    {
        WriteFile("enrollment.json", """{ "server": "https://beside.example.com", "enrollmentCode": "beside" }""");
        var given = WriteFile("elsewhere/mine.json", """{ "server": "https://given.example.com", "enrollmentCode": "given" }""");

        var config = EnrollmentConfig.Find(server: null, code: null, given, folder.Path);

        Assert.Equal(new EnrollmentConfig("https://given.example.com", "given"), config);
    }

    [Fact]
    public void Options_take_precedence_over_the_file()
    {
        WriteFile("enrollment.json", """{ "server": "https://beside.example.com", "enrollmentCode": "beside" }""");

        var config = EnrollmentConfig.Find(server: null, code: "rotated-code", file: null, folder.Path);

        Assert.Equal(new EnrollmentConfig("https://beside.example.com", "rotated-code"), config);
    }

    [Fact]
    public void Server_and_code_alone_need_no_file()
    {
        var config = EnrollmentConfig.Find("http://127.0.0.1:5080", " code ", file: null, folder.Path);

        Assert.Equal(new EnrollmentConfig("http://127.0.0.1:5080", "code"), config);
    }

    [Fact]
    public void Nothing_configured_means_no_installer_enrolment()
    {
        Assert.Null(EnrollmentConfig.Find(server: null, code: null, file: null, folder.Path));
    }

    [Theory]
    [InlineData("https://broker.example.com", null, "no enrollment code")]
    [InlineData(null, "code", "no server")]
    [InlineData("ftp://broker.example.com", "code", "not a broker URL")]
    public void Half_a_configuration_is_refused_in_words(string? server, string? code, string message)
    {
        var failure = Assert.Throws<EndpointException>(() => EnrollmentConfig.Find(server, code, file: null, folder.Path));

        Assert.Equal(ExitCodes.Usage, failure.ExitCode);
        Assert.Contains(message, failure.Message);
    }

    [Fact]
    public void A_missing_or_malformed_file_is_refused_in_words()
    {
        var malformed = WriteFile("bad.json", "server=x");

        Assert.Contains("cannot read", Assert.Throws<EndpointException>(() => EnrollmentConfig.Find(null, null, folder.File("missing.json"), folder.Path)).Message);
        Assert.Contains("is not {", Assert.Throws<EndpointException>(() => EnrollmentConfig.Find(null, null, malformed, folder.Path)).Message);
    }
}
