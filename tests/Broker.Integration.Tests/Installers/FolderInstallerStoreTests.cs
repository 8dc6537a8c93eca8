using Broker.Contracts.Installers;
using Broker.Server.Installers;

namespace Broker.Integration.Tests.Installers;

/// <summary>The contract on a real folder of this test's own, and how the folder looks.</summary>
public sealed class FolderInstallerStoreTests : InstallerStoreContract, IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("broker-installers-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected override IInstallerStore CreateStore(long maxPackageSize = InstallerStoreOptions.DefaultMaxPackageSize) =>
        new FolderInstallerStore(_root.FullName, new InstallerStoreOptions { MaxPackageSize = maxPackageSize });

    protected override IInstallerStore CreateUnreachableStore()
    {
        // A path below a file can never become a folder.
        var file = Path.Combine(_root.FullName, "a-file");
        File.WriteAllText(file, "not a folder");
        return new FolderInstallerStore(Path.Combine(file, "installers"));
    }

    [Fact]
    public async Task A_replaced_package_leaves_one_package_file_named_by_its_hash_and_its_metadata()
    {
        var store = CreateStore();
        await store.SaveAsync(InstallerPlatform.LinuxX64, "old.tar.gz", new GeneratedStream(5000, seed: 1), Ct);

        var saved = await store.SaveAsync(InstallerPlatform.LinuxX64, "new.tar.gz", new GeneratedStream(7000, seed: 2), Ct);

        Assert.Equal(FilesOf(saved), FilesIn(Path.Combine(_root.FullName, "linux-x64")));
    }

    [Fact]
    public async Task Failed_and_refused_uploads_leave_no_files_behind()
    {
        var store = CreateStore(maxPackageSize: 100_000);
        var saved = await store.SaveAsync(InstallerPlatform.WindowsExe, "setup.exe", new GeneratedStream(5000), Ct);

        await Assert.ThrowsAsync<InstallerTooLargeException>(() =>
            store.SaveAsync(InstallerPlatform.WindowsExe, "huge.exe", new GeneratedStream(100_001), Ct));
        await Assert.ThrowsAsync<IOException>(() =>
            store.SaveAsync(InstallerPlatform.WindowsExe, "broken.exe", new GeneratedStream(50_000) { InterruptAt = 30_000 }, Ct));

        Assert.Equal(FilesOf(saved), FilesIn(Path.Combine(_root.FullName, "windows-exe")));
    }

    [Fact]
    public async Task Files_left_by_a_crash_do_not_change_what_readers_see_and_a_later_save_removes_them()
    {
        var store = CreateStore();
        var previous = await store.SaveAsync(InstallerPlatform.MacosPkg, "endpoint.pkg", new GeneratedStream(3000, seed: 1), Ct);
        var folder = Path.Combine(_root.FullName, "macos-pkg");

        // A crash after the package's rename but before the metadata's, and one in the middle of an upload.
        var orphan = Path.Combine(folder, $"{GeneratedStream.Sha256(4000, seed: 2)}.pkg");
        await File.WriteAllBytesAsync(orphan, GeneratedStream.Bytes(4000, seed: 2), Ct);
        var abandoned = Path.Combine(folder, ".upload-0123456789abcdef0123456789abcdef.tmp");
        await File.WriteAllBytesAsync(abandoned, GeneratedStream.Bytes(1000), Ct);
        File.SetLastWriteTimeUtc(abandoned, DateTime.UtcNow.AddDays(-2));

        Assert.Equal(previous, await store.GetAsync(InstallerPlatform.MacosPkg, Ct));

        var saved = await store.SaveAsync(InstallerPlatform.MacosPkg, "endpoint.pkg", new GeneratedStream(5000, seed: 3), Ct);

        Assert.Equal(FilesOf(saved), FilesIn(folder));
    }

    [Fact]
    public async Task A_reader_that_opened_the_package_keeps_reading_it_while_it_is_replaced()
    {
        var store = CreateStore();
        var previous = await store.SaveAsync(InstallerPlatform.LinuxX64, "old.tar.gz", new GeneratedStream(300_000, seed: 1), Ct);
        await using var reader = await store.OpenReadAsync(InstallerPlatform.LinuxX64, Ct);

        await store.SaveAsync(InstallerPlatform.LinuxX64, "new.tar.gz", new GeneratedStream(200_000, seed: 2), Ct);

        var copy = new MemoryStream();
        await reader!.CopyToAsync(copy, Ct);
        Assert.Equal(GeneratedStream.Bytes(previous.Size, seed: 1), copy.ToArray());
    }

    /// <summary>What a platform's folder holds when <paramref name="installer"/> is its package.</summary>
    private static string[] FilesOf(StoredInstaller installer) => [.. new[] { "installer.json", $"{installer.Sha256}.pkg" }.Order(StringComparer.Ordinal)];

    private static string[] FilesIn(string folder) => [.. Directory.GetFiles(folder).Select(file => Path.GetFileName(file)).Order(StringComparer.Ordinal)];

    public void Dispose() => _root.Delete(recursive: true);
}
