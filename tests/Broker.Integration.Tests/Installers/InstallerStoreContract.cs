using System.Security.Cryptography;
using Broker.Contracts.Installers;
using Broker.Server.Installers;

namespace Broker.Integration.Tests.Installers;

/// <summary>What every <see cref="IInstallerStore"/> promises, run against each implementation on real storage.</summary>
public abstract class InstallerStoreContract
{
    private const int MiB = 1024 * 1024;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A store on this test's own storage; every store a test makes sees the same packages.</summary>
    protected abstract IInstallerStore CreateStore(long maxPackageSize = InstallerStoreOptions.DefaultMaxPackageSize);

    /// <summary>A store whose storage cannot be reached.</summary>
    protected abstract IInstallerStore CreateUnreachableStore();

    [Fact]
    public async Task A_saved_package_reads_back_with_the_same_bytes_size_and_sha256()
    {
        var store = CreateStore();
        var bytes = GeneratedStream.Bytes(300_000, seed: 1);

        var saved = await store.SaveAsync(InstallerPlatform.WindowsMsi, "broker-endpoint.msi", new MemoryStream(bytes), Ct);

        Assert.Equal(new StoredInstaller(InstallerPlatform.WindowsMsi, "broker-endpoint.msi", bytes.Length, Sha256(bytes), saved.UploadedAt), saved);
        Assert.Equal(saved, await store.GetAsync(InstallerPlatform.WindowsMsi, Ct));
        Assert.Equal(bytes, await ReadAllAsync(store, InstallerPlatform.WindowsMsi));
    }

    [Fact]
    public async Task The_upload_time_is_when_the_upload_completed()
    {
        var store = CreateStore();
        var before = DateTimeOffset.UtcNow;

        var saved = await store.SaveAsync(InstallerPlatform.LinuxX64, "endpoint.tar.gz", new GeneratedStream(1000), Ct);

        Assert.InRange(saved.UploadedAt, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(saved.UploadedAt, (await store.GetAsync(InstallerPlatform.LinuxX64, Ct))!.UploadedAt);
    }

    [Fact]
    public async Task Replacing_a_package_keeps_only_the_new_one()
    {
        var store = CreateStore();
        await store.SaveAsync(InstallerPlatform.WindowsExe, "old-setup.exe", new GeneratedStream(200_000, seed: 1), Ct);
        var newer = GeneratedStream.Bytes(150_000, seed: 2);

        var saved = await store.SaveAsync(InstallerPlatform.WindowsExe, "new-setup.exe", new MemoryStream(newer), Ct);

        Assert.Equal(saved, await store.GetAsync(InstallerPlatform.WindowsExe, Ct));
        Assert.Equal([saved], await store.ListAsync(Ct));
        Assert.Equal(newer, await ReadAllAsync(store, InstallerPlatform.WindowsExe));
    }

    [Fact]
    public async Task Uploading_the_same_bytes_again_keeps_the_package_readable_under_the_new_name()
    {
        var store = CreateStore();
        var bytes = GeneratedStream.Bytes(100_000, seed: 3);
        await store.SaveAsync(InstallerPlatform.MacosPkg, "first.pkg", new MemoryStream(bytes), Ct);

        var again = await store.SaveAsync(InstallerPlatform.MacosPkg, "second.pkg", new MemoryStream(bytes), Ct);

        Assert.Equal("second.pkg", again.FileName);
        Assert.Equal(again, await store.GetAsync(InstallerPlatform.MacosPkg, Ct));
        Assert.Equal(bytes, await ReadAllAsync(store, InstallerPlatform.MacosPkg));
    }

    [Fact]
    public async Task The_list_shows_one_entry_per_platform_in_platform_order()
    {
        var store = CreateStore();
        await store.SaveAsync(InstallerPlatform.LinuxX64, "a.tar.gz", new GeneratedStream(10, seed: 1), Ct);
        var windows = await store.SaveAsync(InstallerPlatform.WindowsExe, "a.exe", new GeneratedStream(20, seed: 2), Ct);
        var linux = await store.SaveAsync(InstallerPlatform.LinuxX64, "b.tar.gz", new GeneratedStream(30, seed: 3), Ct);

        Assert.Equal([windows, linux], await store.ListAsync(Ct));
    }

    [Fact]
    public async Task A_store_without_packages_has_none_to_describe_list_or_open()
    {
        var store = CreateStore();

        Assert.Null(await store.GetAsync(InstallerPlatform.WindowsExe, Ct));
        Assert.Null(await store.OpenReadAsync(InstallerPlatform.WindowsExe, Ct));
        Assert.Empty(await store.ListAsync(Ct));
    }

    [Fact]
    public async Task Opening_a_platform_without_a_package_gives_null_while_others_have_one()
    {
        var store = CreateStore();
        await store.SaveAsync(InstallerPlatform.LinuxX64, "endpoint.tar.gz", new GeneratedStream(1000), Ct);

        Assert.Null(await store.OpenReadAsync(InstallerPlatform.MacosPkg, Ct));
        Assert.Null(await store.GetAsync(InstallerPlatform.MacosPkg, Ct));
    }

    [Fact]
    public async Task A_too_large_upload_is_refused_and_the_previous_package_stays_readable()
    {
        var store = CreateStore(maxPackageSize: MiB);
        var previous = await store.SaveAsync(InstallerPlatform.LinuxX64, "endpoint.tar.gz", new GeneratedStream(MiB / 2, seed: 1), Ct);

        var refused = await Assert.ThrowsAsync<InstallerTooLargeException>(() =>
            store.SaveAsync(InstallerPlatform.LinuxX64, "huge.tar.gz", new GeneratedStream(MiB + 1, seed: 2), Ct));

        Assert.Equal(MiB, refused.MaxSize);
        await AssertStoredAsync(store, previous, seed: 1);
    }

    [Fact]
    public async Task A_too_large_upload_of_known_length_is_refused_before_it_is_read()
    {
        var store = CreateStore(maxPackageSize: MiB);
        var content = new MemoryStream(new byte[MiB + 1]);

        await Assert.ThrowsAsync<InstallerTooLargeException>(() => store.SaveAsync(InstallerPlatform.WindowsMsi, "huge.msi", content, Ct));

        Assert.Equal(0, content.Position);
        Assert.Null(await store.GetAsync(InstallerPlatform.WindowsMsi, Ct));
        Assert.Empty(await store.ListAsync(Ct));
    }

    [Fact]
    public async Task A_package_of_exactly_the_limit_is_accepted()
    {
        var store = CreateStore(maxPackageSize: MiB);

        var saved = await store.SaveAsync(InstallerPlatform.WindowsExe, "setup.exe", new GeneratedStream(MiB, seed: 4), Ct);

        await AssertStoredAsync(store, saved, seed: 4);
    }

    [Fact]
    public async Task A_failed_upload_leaves_the_previous_package_in_place()
    {
        var store = CreateStore();
        var previous = await store.SaveAsync(InstallerPlatform.WindowsExe, "setup.exe", new GeneratedStream(2 * MiB, seed: 1), Ct);
        var broken = new GeneratedStream(12 * MiB, seed: 2) { InterruptAt = 9 * MiB };

        await Assert.ThrowsAsync<IOException>(() => store.SaveAsync(InstallerPlatform.WindowsExe, "broken.exe", broken, Ct));

        await AssertStoredAsync(store, previous, seed: 1);
    }

    [Fact]
    public async Task A_cancelled_upload_leaves_the_previous_package_in_place()
    {
        var store = CreateStore();
        var previous = await store.SaveAsync(InstallerPlatform.MacosPkg, "endpoint.pkg", new GeneratedStream(MiB, seed: 1), Ct);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var content = new GeneratedStream(12 * MiB, seed: 2) { InterruptAt = 9 * MiB, Interrupt = cancel.Cancel };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.SaveAsync(InstallerPlatform.MacosPkg, "cancelled.pkg", content, cancel.Token));

        await AssertStoredAsync(store, previous, seed: 1);
    }

    [Fact]
    public async Task A_failed_first_upload_leaves_no_package()
    {
        var store = CreateStore();
        var broken = new GeneratedStream(6 * MiB) { InterruptAt = 5 * MiB };

        await Assert.ThrowsAsync<IOException>(() => store.SaveAsync(InstallerPlatform.LinuxX64, "broken.tar.gz", broken, Ct));

        Assert.Null(await store.GetAsync(InstallerPlatform.LinuxX64, Ct));
        Assert.Null(await store.OpenReadAsync(InstallerPlatform.LinuxX64, Ct));
        Assert.Empty(await store.ListAsync(Ct));
    }

    [Theory]
    [InlineData(@"C:\Users\ana\Downloads\broker-setup.exe", "broker-setup.exe")]
    [InlineData("../../etc/broker-setup.exe", "broker-setup.exe")]
    [InlineData("/tmp/uploads/broker setup (2).exe", "broker setup (2).exe")]
    [InlineData("..", "windows-exe")]
    [InlineData("folder/", "windows-exe")]
    [InlineData("", "windows-exe")]
    [InlineData("  setup\t.exe \r\n", "setup.exe")]
    public async Task Path_parts_and_control_characters_are_removed_from_the_file_name(string uploaded, string kept)
    {
        var store = CreateStore();

        var saved = await store.SaveAsync(InstallerPlatform.WindowsExe, uploaded, new GeneratedStream(100), Ct);

        Assert.Equal(kept, saved.FileName);
        Assert.Equal(kept, (await store.GetAsync(InstallerPlatform.WindowsExe, Ct))!.FileName);
    }

    [Fact]
    public async Task A_file_name_beyond_ascii_survives_the_round_trip()
    {
        var store = CreateStore();
        const string name = "Fernwartung für Ärzte – 遠隔サポート.exe";

        await store.SaveAsync(InstallerPlatform.WindowsExe, name, new GeneratedStream(100), Ct);

        Assert.Equal(name, (await store.GetAsync(InstallerPlatform.WindowsExe, Ct))!.FileName);
        Assert.Equal(name, Assert.Single(await store.ListAsync(Ct)).FileName);
    }

    [Fact]
    public async Task An_empty_package_round_trips()
    {
        var store = CreateStore();

        var saved = await store.SaveAsync(InstallerPlatform.LinuxX64, "empty.tar.gz", Stream.Null, Ct);

        Assert.Equal(0, saved.Size);
        Assert.Equal(Sha256([]), saved.Sha256);
        Assert.Empty(await ReadAllAsync(store, InstallerPlatform.LinuxX64));
    }

    [Fact]
    public async Task A_twenty_megabyte_upload_streams_through_and_round_trips()
    {
        const long size = 20L * MiB + 12_345;
        var store = CreateStore(maxPackageSize: 32 * MiB);

        var saved = await store.SaveAsync(InstallerPlatform.WindowsMsi, "big.msi", new GeneratedStream(size, seed: 7), Ct);

        Assert.Equal(size, saved.Size);
        Assert.Equal(GeneratedStream.Sha256(size, seed: 7), saved.Sha256);
        await AssertStoredAsync(store, saved, seed: 7);
    }

    [Fact]
    public async Task The_store_is_available_when_its_storage_answers()
    {
        Assert.True(await CreateStore().IsAvailableAsync(Ct));
    }

    [Fact]
    public async Task The_store_is_unavailable_when_its_storage_cannot_be_reached()
    {
        Assert.False(await CreateUnreachableStore().IsAvailableAsync(Ct));
    }

    /// <summary>The store describes <paramref name="expected"/> and serves exactly the bytes of a generated stream.</summary>
    private static async Task AssertStoredAsync(IInstallerStore store, StoredInstaller expected, int seed)
    {
        Assert.Equal(expected, await store.GetAsync(expected.Platform, Ct));
        Assert.Equal(GeneratedStream.Sha256(expected.Size, seed), expected.Sha256);
        await using var stream = await store.OpenReadAsync(expected.Platform, Ct);
        Assert.NotNull(stream);
        Assert.Equal(expected.Size, stream.Length);
        Assert.Equal(expected.Sha256, Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, Ct)));
    }

    private static async Task<byte[]> ReadAllAsync(IInstallerStore store, InstallerPlatform platform)
    {
        await using var stream = await store.OpenReadAsync(platform, Ct);
        Assert.NotNull(stream);
        var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Ct);
        return copy.ToArray();
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
