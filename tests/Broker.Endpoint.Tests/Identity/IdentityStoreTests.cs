using System.Runtime.Versioning;
using Broker.Endpoint.Identity;

namespace Broker.Endpoint.Tests.Identity;

public sealed class IdentityStoreTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private static EndpointIdentity Sample(string nickname = "PC-0042") =>
        new("https://broker.example.com", Guid.NewGuid(), "dt1.secret-token", Guid.NewGuid(), nickname, MachineKey.Random());

    [Fact]
    public void An_identity_reads_back_as_it_was_saved()
    {
        var store = new IdentityStore(folder.File("broker-endpoint", "endpoint.json"));
        var identity = Sample();

        store.Save(identity);

        Assert.Equal(identity, store.Load());
    }

    [Fact]
    public void A_computer_that_never_enrolled_has_no_identity()
    {
        Assert.Null(new IdentityStore(folder.File("endpoint.json")).Load());
    }

    [Fact]
    public void The_file_is_written_in_the_contract_s_camel_case()
    {
        var store = new IdentityStore(folder.File("endpoint.json"));

        store.Save(Sample());

        var json = File.ReadAllText(store.Path);
        foreach (var field in new[] { "server", "deviceId", "deviceToken", "deviceGroupId", "nickname", "machineKey" })
        {
            Assert.Contains($"\"{field}\"", json);
        }
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void Only_the_owner_can_read_the_file_and_its_folder()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        var store = new IdentityStore(folder.File("new-folder", "endpoint.json"));

        store.Save(Sample());

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.Path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(store.Directory));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void Saving_again_replaces_the_file_whole_and_leaves_no_temporary_file()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes and inodes");
        var store = new IdentityStore(folder.File("endpoint.json"));
        store.Save(Sample("first"));

        // A reader that opened the old file keeps reading the old file: the new one is a different file moved into place.
        using var reader = new StreamReader(store.Path);
        var replaced = Sample("second");
        store.Save(replaced);

        Assert.Contains("\"first\"", reader.ReadToEnd());
        Assert.Equal(replaced, store.Load());
        Assert.Equal(["endpoint.json"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.Path));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void A_world_readable_file_is_replaced_by_an_owner_only_one()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        var store = new IdentityStore(folder.File("endpoint.json"));
        File.WriteAllText(store.Path, "{}");
        File.SetUnixFileMode(store.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        store.Save(Sample());

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.Path));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"server\": \"https://broker.example.com\"}")]
    public void A_damaged_file_is_reported_not_silently_replaced_by_a_new_enrolment(string content)
    {
        var store = new IdentityStore(folder.File("endpoint.json"));
        File.WriteAllText(store.Path, content);

        var failure = Assert.Throws<EndpointException>(store.Load);

        Assert.Equal(ExitCodes.Failure, failure.ExitCode);
        Assert.Contains(store.Path, failure.Message);
    }

    [Fact]
    public void The_device_token_never_shows_in_the_identity_s_text()
    {
        Assert.DoesNotContain("secret-token", Sample().ToString());
    }
}
