using System.CommandLine;
using System.Globalization;
using Broker.Contracts;
using Broker.Contracts.Installers;

namespace Broker.Cli.Commands;

/// <summary><c>brokerctl installers</c>: the base packages per platform, and a device group's own installer.</summary>
internal static class InstallerCommands
{
    public static Command Create(CliApp app) => new("installers", "Upload base installers and download a device group's installer")
    {
        List(app), Upload(app), Download(app),
    };

    private static Command List(CliApp app)
    {
        var command = new Command("list", "List the uploaded base installers");
        app.SetAction(command, async invocation =>
        {
            var reply = await invocation.SignedIn().GetAsync<InstallerResponse[]>(Routes.Installers, invocation.CancellationToken);
            invocation.Output.ShowList(reply, "No installers uploaded.", ["PLATFORM", "FILE", "BYTES", "SHA-256", "UPLOADED"], installer =>
                [installer.Platform.Name(), installer.FileName, installer.Size.ToString(CultureInfo.InvariantCulture), installer.Sha256, Format.Time(installer.UploadedAt)]);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Upload(CliApp app)
    {
        var platform = PlatformArgument();
        var file = new Argument<FileInfo>("file") { Description = "The package to upload" };
        var command = new Command("upload", "Upload (replace) the base installer of a platform") { platform, file };
        app.SetAction(command, async invocation =>
        {
            var path = invocation.Value(file);
            if (!path.Exists)
            {
                throw new CliException(ExitCodes.Usage, $"no such file: {path.FullName}");
            }

            await using var stream = path.OpenRead();
            var route = $"{Routes.Installer(invocation.Value(platform))}?fileName={Uri.EscapeDataString(path.Name)}";
            var reply = await invocation.SignedIn().PutFileAsync<InstallerResponse>(route, stream, invocation.CancellationToken);
            invocation.Output.Show(reply, installer => invocation.Output.Fields(
                ("Platform", installer.Platform.Name()),
                ("File", installer.FileName),
                ("Bytes", installer.Size.ToString(CultureInfo.InvariantCulture)),
                ("SHA-256", installer.Sha256),
                ("Uploaded", Format.Time(installer.UploadedAt))));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Download(CliApp app)
    {
        var group = new Option<Guid>("--group") { Description = "The device group the installer enrols into", HelpName = "ID", Required = true };
        var platform = PlatformArgument();
        var output = new Option<string?>("--output", "-o") { Description = "Where to save it (default: the broker's file name, here)", HelpName = "PATH" };
        var command = new Command("download", "Download a device group's installer (it carries the group's enrollment code)") { platform, group, output };
        app.SetAction(command, async invocation =>
        {
            var temporary = Path.GetTempFileName();
            try
            {
                string? suggested;
                await using (var file = File.Create(temporary))
                {
                    suggested = await invocation.SignedIn().DownloadAsync(
                        Routes.GroupInstaller(invocation.Value(group), invocation.Value(platform)), file, invocation.CancellationToken);
                }

                var target = invocation.Value(output) ?? Path.GetFileName(suggested) ?? $"{invocation.Value(platform)}-installer";
                File.Move(temporary, target, overwrite: true);
                invocation.Output.Line(Path.GetFullPath(target));
                return ExitCodes.Success;
            }
            finally
            {
                File.Delete(temporary);
            }
        });
        return command;
    }

    private static Argument<string> PlatformArgument()
    {
        var platform = new Argument<string>("platform") { Description = "windows-exe, windows-msi, macos-pkg or linux-x64" };
        platform.AcceptOnlyFromAmong([.. Enum.GetValues<InstallerPlatform>().Select(p => p.Name())]);
        return platform;
    }
}
