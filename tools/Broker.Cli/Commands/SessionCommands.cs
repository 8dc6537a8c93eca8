using System.CommandLine;
using Broker.Contracts;
using Broker.Contracts.Auth;
using Broker.Contracts.Me;

namespace Broker.Cli.Commands;

/// <summary>Signing in and out, and the signed-in account itself: login, logout, whoami, password.</summary>
internal static class SessionCommands
{
    public static IEnumerable<Command> Create(CliApp app) => [Login(app), Logout(app), WhoAmI(app), ChangePassword(app)];

    private static Command Login(CliApp app)
    {
        var email = new Option<string?>("--email") { Description = "Your e-mail address (default: the one last used with this broker)", HelpName = "EMAIL" };
        var password = new PasswordOptions("password");
        var command = new Command("login", "Sign in to a broker and remember the session in config.json (readable by you only)") { email };
        password.AddTo(command);
        app.SetAction(command, async invocation =>
        {
            var saved = invocation.Config.Load();
            var server = invocation.ServerOption ?? saved.Server ?? throw CliException.Usage("give the broker's URL with --server URL");
            var account = invocation.Value(email) is { Length: > 0 } given ? given
                : BrokerUrl.Same(saved.Server, server) && saved.Email is not null ? saved.Email
                : throw CliException.Usage("give your e-mail address with --email EMAIL");
            if (BrokerUrl.IsUnencryptedRemote(server))
            {
                await invocation.Error.WriteLineAsync($"warning: {server} is not https: your password and token cross the network unencrypted");
            }

            var secret = password.Read(invocation, isNew: false);
            var reply = await invocation.Anonymous(server)
                .PostAsync<LoginRequest, LoginResponse>(Routes.Login, new LoginRequest(account, secret), invocation.CancellationToken);
            invocation.Config.Save(new CliConfig(server, account, reply.Value.AccessToken, reply.Value.ExpiresAt));
            ReportSession(invocation, server, account, reply.Value.ExpiresAt, "Signed in to");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Logout(CliApp app)
    {
        var command = new Command("logout", "Forget the saved session token (the broker and e-mail address stay for the next login)");
        app.SetAction(command, invocation =>
        {
            var saved = invocation.Config.Load();
            if (saved.AccessToken is null)
            {
                invocation.Output.Line("Not signed in.");
                return Task.FromResult(ExitCodes.Success);
            }

            invocation.Config.Save(saved with { AccessToken = null, ExpiresAt = null });
            if (!invocation.Output.Json)
            {
                invocation.Output.Line($"Signed out of {saved.Server}.");
            }

            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static Command WhoAmI(CliApp app)
    {
        var command = new Command("whoami", "Show who you are signed in as, your permissions and your device groups");
        app.SetAction(command, async invocation =>
        {
            var broker = invocation.SignedIn();
            var reply = await broker.GetAsync<MeResponse>(Routes.Me, invocation.CancellationToken);
            invocation.Output.Show(reply, me => invocation.Output.Fields(
                ("Server", broker.Server),
                ("Id", me.Id.ToString()),
                ("Email", me.Email),
                ("Display name", me.DisplayName),
                ("Role", Format.Enum(me.Role)),
                ("User group", $"{me.UserGroup.Name} ({me.UserGroup.Id})"),
                ("Unattended support", Format.YesNo(me.Permissions.UnattendedSupport)),
                ("Attended support", Format.YesNo(me.Permissions.AttendedSupport)),
                ("Device groups", me.DeviceGroups.Count == 0 ? "(none)" : string.Join(", ", me.DeviceGroups.Select(g => $"{g.Name} ({g.Id})")))));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command ChangePassword(CliApp app)
    {
        var current = new Option<string?>("--current") { Description = "Your current password (else prompted, or the first line of standard input)", HelpName = "PASSWORD" };
        var next = new Option<string?>("--new") { Description = "The new password (else prompted twice, or the next line of standard input)", HelpName = "PASSWORD" };
        var command = new Command("password", "Change your own password; every other session of your account ends") { current, next };
        app.SetAction(command, async invocation =>
        {
            var broker = invocation.SignedIn();
            var currentPassword = invocation.Value(current) ?? invocation.Terminal.ReadSecret("current password");
            var newPassword = invocation.Value(next) ?? invocation.Terminal.ReadNewSecret("new password");
            var reply = await broker.PostAsync<ChangePasswordRequest, LoginResponse>(
                Routes.MePassword, new ChangePasswordRequest(currentPassword, newPassword), invocation.CancellationToken);

            // The change ended the old token, so the new one must be kept or the next command would find us signed out.
            var saved = invocation.Config.Load();
            invocation.Config.Save(saved with { Server = broker.Server, AccessToken = reply.Value.AccessToken, ExpiresAt = reply.Value.ExpiresAt });
            ReportSession(invocation, broker.Server, saved.Email, reply.Value.ExpiresAt, "Password changed; signed in to");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Reports a new session without its token: the token stays in config.json, out of terminals and logs.</summary>
    private static void ReportSession(Invocation invocation, string server, string? email, DateTimeOffset expiresAt, string what)
    {
        if (invocation.Output.Json)
        {
            invocation.Output.WriteJson(new { server, email, expiresAt });
        }
        else
        {
            invocation.Output.Line($"{what} {server} as {email} until {Format.Time(expiresAt)}.");
        }
    }
}
