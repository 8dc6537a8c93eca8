using Broker.Endpoint.Identity;

namespace Broker.Endpoint.Tests.Identity;

public sealed class MachineKeyTests : IDisposable
{
    private const string MachineId = "4c4c4544003957108052b4c04f384d32";

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private string MachineIdFile(string content)
    {
        var path = folder.File($"machine-id-{Guid.NewGuid():N}");
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void The_key_derived_from_the_machine_id_is_the_same_every_time()
    {
        var path = MachineIdFile(MachineId + "\n");

        var first = MachineKey.Resolve(existing: null, path);
        var second = MachineKey.Resolve(existing: null, path);

        Assert.Equal(first, second);
        Assert.Equal(first, MachineKey.FromMachineId(MachineIdFile(MachineId)));
        Assert.Matches("^[0-9a-f]{64}$", first);
    }

    [Fact]
    public void The_raw_machine_id_never_leaves_the_machine()
    {
        var key = MachineKey.Resolve(existing: null, MachineIdFile(MachineId));

        Assert.DoesNotContain(MachineId, key, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Different_machines_get_different_keys()
    {
        Assert.NotEqual(MachineKey.FromMachineId(MachineIdFile(MachineId)), MachineKey.FromMachineId(MachineIdFile("ffffffffffffffffffffffffffffffff")));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \n")]
    public void Without_a_machine_id_the_key_is_random(string? content)
    {
        var path = content is null ? folder.File("missing") : MachineIdFile(content);

        var first = MachineKey.Resolve(existing: null, path);
        var second = MachineKey.Resolve(existing: null, path);

        Assert.NotEqual(first, second);
        Assert.Matches("^[0-9a-f]{64}$", first);
    }

    [Fact]
    public void A_key_kept_in_the_identity_file_wins()
    {
        Assert.Equal("kept-from-the-first-enrolment", MachineKey.Resolve("kept-from-the-first-enrolment", MachineIdFile(MachineId)));
    }
}
