using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Broker.Contracts;
using Broker.Contracts.Installers;

namespace Broker.Server.Tests;

[Collection(HostCollection.Name)]
public sealed class InstallerApiTests(HostFixture fixture)
{
    private static byte[] LinuxPackage(string marker)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "broker-endpoint/broker-endpoint.dll") { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(marker)) });
        }

        return buffer.ToArray();
    }

    private static Task<HttpResponseMessage> UploadAsync(ApiClient client, string platform, byte[] bytes, string fileName) =>
        client.Http.PutAsync($"{Routes.Installer(platform)}?fileName={Uri.EscapeDataString(fileName)}",
            new ByteArrayContent(bytes) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } });

    [Fact]
    public async Task An_agent_downloads_the_linux_installer_of_its_group_with_the_group_s_code_inside()
    {
        using var admin = await fixture.AdminAsync();
        var marker = Guid.NewGuid().ToString();
        var uploaded = await (await UploadAsync(admin, "linux-x64", LinuxPackage(marker), "endpoint.tar.gz")).ExpectAsync<InstallerResponse>(HttpStatusCode.OK);
        Assert.Equal((InstallerPlatform.LinuxX64, "endpoint.tar.gz"), (uploaded.Platform, uploaded.FileName));
        Assert.Contains(await (await admin.GetAsync(Routes.Installers)).ExpectAsync<InstallerResponse[]>(HttpStatusCode.OK), i => i.Sha256 == uploaded.Sha256);
        var userGroup = await admin.CreateUserGroupAsync();
        var group = await admin.CreateDeviceGroupAsync();
        var (agent, password) = await admin.CreateAgentAsync(userGroup.Id, deviceGroupIds: group.Id);
        using var client = await ApiClient.SignInAsync(fixture.Host, agent.Email, password);

        var download = await client.GetAsync(Routes.GroupInstaller(group.Id, "linux-x64"));

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Contains(group.EnrollmentCode!, download.Content.Headers.ContentDisposition!.FileNameStar ?? download.Content.Headers.ContentDisposition.FileName);
        var entries = new Dictionary<string, string>();
        await using (var gzip = new GZipStream(await download.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken), CompressionMode.Decompress))
        using (var tar = new TarReader(gzip))
        {
            while (tar.GetNextEntry() is { } entry)
            {
                entries[entry.Name] = new StreamReader(entry.DataStream!).ReadToEnd();
            }
        }

        Assert.Equal(marker, entries["broker-endpoint/broker-endpoint.dll"]);
        var config = JsonDocument.Parse(entries["broker-endpoint/enrollment.json"]).RootElement;
        Assert.Equal(group.EnrollmentCode, config.GetProperty("enrollmentCode").GetString());
        Assert.Equal(fixture.Host.Address.ToString(), config.GetProperty("server").GetString());
    }

    [Fact]
    public async Task A_windows_installer_keeps_its_bytes_and_carries_the_code_in_its_file_name()
    {
        using var admin = await fixture.AdminAsync();
        var bytes = Encoding.UTF8.GetBytes("MZ pretend-signed installer " + Guid.NewGuid());
        await (await UploadAsync(admin, "windows-msi", bytes, "BrokerSetup.msi")).ExpectAsync<InstallerResponse>(HttpStatusCode.OK);
        var group = await admin.CreateDeviceGroupAsync();

        var download = await admin.GetAsync(Routes.GroupInstaller(group.Id, "windows-msi"));

        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal($"broker-endpoint_{group.EnrollmentCode}.msi", download.Content.Headers.ContentDisposition!.FileNameStar ?? download.Content.Headers.ContentDisposition.FileName);
    }

    [Fact]
    public async Task Bad_uploads_and_downloads_get_clear_errors()
    {
        using var admin = await fixture.AdminAsync();
        var userGroup = await admin.CreateUserGroupAsync();
        var group = await admin.CreateDeviceGroupAsync();
        var (agent, password) = await admin.CreateAgentAsync(userGroup.Id);
        using var client = await ApiClient.SignInAsync(fixture.Host, agent.Email, password);

        await (await UploadAsync(admin, "linux-x64", Encoding.UTF8.GetBytes("not a tarball"), "x")).ExpectValidationErrorAsync("body");
        await (await UploadAsync(admin, "amiga-lha", [1, 2, 3], "x")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await UploadAsync(client, "windows-exe", [1, 2, 3], "x")).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await client.GetAsync(Routes.GroupInstaller(group.Id, "linux-x64"))).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await admin.GetAsync(Routes.GroupInstaller(group.Id, "macos-pkg"))).ExpectProblemAsync(HttpStatusCode.NotFound);

        await admin.DeleteAsync(Routes.EnrollmentCode(group.Id));
        await UploadAsync(admin, "windows-exe", [1, 2, 3], "setup.exe");
        await (await admin.GetAsync(Routes.GroupInstaller(group.Id, "windows-exe"))).ExpectProblemAsync(HttpStatusCode.Conflict);
    }
}
