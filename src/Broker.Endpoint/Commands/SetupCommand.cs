using System.CommandLine;
using Broker.Contracts;
using Broker.Contracts.Auth;
using Broker.Contracts.Enrollment;
using Broker.Contracts.Me;
using Broker.Endpoint.Identity;
using Broker.Endpoint.Vault;

namespace Broker.Endpoint.Commands;

/// <summary>
/// <c>setup</c>, the portal method: an agent signs in on this computer, names it, picks one of their device groups,
/// and the user decides whether to store the OS login here. Asks on the terminal for whatever the options leave out.
/// </summary>
internal static class SetupCommand
{
    public static Command Create(EndpointApp app)
    {
        var server = EndpointOptions.Server("The broker's URL, e.g. https://broker.example.com");
        server.Required = true;
        var email = new Option<string?>("--email") { Description = "The agent's e-mail address (else asked)", HelpName = "EMAIL" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the agent's password from standard input, a line without a prompt (after the e-mail address, if that is asked too)" };
        var nickname = new Option<string?>("--nickname") { Description = "The name agents see for this computer (else asked; default: the computer name)", HelpName = "NAME" };
        var group = new Option<string?>("--device-group")
        {
            Description = "The device group to put this computer in, by id or name (else chosen from the agent's groups)",
            HelpName = "ID-or-NAME",
        };
        var storeCredential = EndpointOptions.YesNo(
            "--store-credential", "Store this computer's OS login (encrypted, on this computer only) so the agent can sign in without you (else asked)");
        var config = EndpointOptions.Config();
        var command = new Command("setup", "Link this computer to an agent's account: sign in as the agent, choose a nickname and a device group")
        {
            server, email, passwordStdin, nickname, group, storeCredential, config,
        };

        app.SetAction(command, async (parse, cancellationToken) =>
        {
            var broker = ServerUrl.Normalize(parse.GetValue(server)!);
            var store = new IdentityStore(parse.GetValue(config) ?? IdentityStore.DefaultPath());
            var existing = store.Load();
            if (existing is not null)
            {
                await app.Error.WriteLineAsync($"note: this computer is enrolled as {existing}; enrolling again replaces that identity");
            }

            if (BrokerUrl.IsUnencryptedRemote(broker))
            {
                await app.Error.WriteLineAsync($"warning: {broker} is not https: the agent's password crosses the network unencrypted");
            }

            var terminal = app.Terminal;
            var api = app.Api(broker);
            var account = parse.GetValue(email) is { Length: > 0 } given ? given.Trim()
                : await terminal.AskAsync("Agent e-mail address", cancellationToken) is { Length: > 0 } typed ? typed
                : throw EndpointException.Usage("no e-mail address given: give --email EMAIL");
            var password = parse.GetValue(passwordStdin)
                ? await terminal.ReadLineAsync(cancellationToken)
                : await terminal.AskSecretAsync($"Password of {account}", cancellationToken);
            if (string.IsNullOrEmpty(password))
            {
                throw EndpointException.Usage("no password given: type it when asked, or give --password-stdin and pipe it in");
            }

            var me = await SignInAsync(api, account, password, cancellationToken);
            if (!me.Permissions.UnattendedSupport)
            {
                await app.Error.WriteLineAsync(
                    $"warning: unattended support is disabled for {account}: this computer can be enrolled, but the agent cannot connect to it until an admin allows it");
            }

            var computerName = app.Environment.ComputerName;
            var name = parse.GetValue(nickname) is { Length: > 0 } chosen ? chosen.Trim()
                : await terminal.AskAsync($"Nickname [{computerName}]", cancellationToken) is { Length: > 0 } answer ? answer
                : computerName;
            var deviceGroup = parse.GetValue(group) is { Length: > 0 } wanted
                ? Find(me.DeviceGroups, wanted) ?? throw EndpointException.Usage($"'{wanted}' is none of {account}'s device groups", Choices(me.DeviceGroups))
                : await ChooseAsync(terminal, me.DeviceGroups, account, cancellationToken);
            var wantsCredential = EndpointOptions.AsYesNo(parse.GetValue(storeCredential))
                ?? await terminal.ConfirmAsync("Store this computer's OS login so the agent can sign in without you?", cancellationToken);
            var credential = wantsCredential ? await AskCredentialAsync(terminal, cancellationToken) : null;

            var machineKey = MachineKey.Resolve(existing?.MachineKey, app.Environment.MachineIdPath);
            var vault = new CredentialVault(store.Directory);
            var enrolled = await EnrollAsync(api, vault, credential, new EnrollRequest(
                EnrollMethods.Portal, machineKey, computerName, app.Environment.OsDescription, Email: account, Password: password,
                Nickname: name, DeviceGroupId: deviceGroup.Id, CredentialStored: credential is not null), cancellationToken);
            store.Save(new EndpointIdentity(broker, enrolled.DeviceId, enrolled.DeviceToken, enrolled.DeviceGroupId, enrolled.Nickname, machineKey));

            await app.Out.WriteLineAsync(
                $"Enrolled as {Terminal.Printable(enrolled.Nickname)} ({enrolled.DeviceId}) in device group {Terminal.Printable(deviceGroup.Name)} ({enrolled.DeviceGroupId})");
            await app.Out.WriteLineAsync(credential is null
                ? "No OS login stored: someone will have to sign in when the agent connects."
                : "The OS login is stored encrypted on this computer only; the broker knows only that one is stored.");
            await app.Out.WriteLineAsync($"Identity saved to {store.Path}; start 'broker-endpoint run' (or its service) to connect.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<MeResponse> SignInAsync(BrokerApi api, string account, string password, CancellationToken cancellationToken)
    {
        try
        {
            var login = await api.LoginAsync(new LoginRequest(account, password), cancellationToken);
            var me = await api.MeAsync(login.AccessToken, cancellationToken);
            return me.DeviceGroups.Count > 0 ? me
                : throw new EndpointException(ExitCodes.EnrollmentRefused, $"{account} has no device group to put this computer in",
                    ["an admin must assign one to the agent first (brokerctl agents update ID --device-group GROUP-ID)"]);
        }
        catch (EndpointException e) when (e.ExitCode == ExitCodes.SignInFailed)
        {
            throw e.WithHint("check the agent's e-mail address and password (they are the ones the agent signs in to the broker with)");
        }
    }

    /// <summary>Enrols; the login goes into the vault first, so that "credentialStored: true" is true when the broker records it.</summary>
    private static async Task<EnrollResponse> EnrollAsync(
        BrokerApi api, CredentialVault vault, OsCredential? credential, EnrollRequest request, CancellationToken cancellationToken)
    {
        if (credential is not null)
        {
            SaveToVault(vault, credential);
        }

        try
        {
            var enrolled = await api.EnrollAsync(request, cancellationToken);
            if (credential is null)
            {
                // The user chose not to store a login: one stored by an earlier setup must not outlive that choice.
                vault.Delete();
            }

            return enrolled;
        }
        catch when (credential is not null)
        {
            // Nothing half-done: no login stays here for an enrolment that did not happen.
            vault.Delete();
            throw;
        }
    }

    private static void SaveToVault(CredentialVault vault, OsCredential credential)
    {
        try
        {
            vault.Save(credential);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EndpointException(ExitCodes.Failure, $"cannot store the OS login in {vault.VaultPath}: {e.Message}",
                ["run as the user the endpoint's service runs as (root), or give --config PATH"]);
        }
    }

    private static async Task<OsCredential> AskCredentialAsync(Terminal terminal, CancellationToken cancellationToken) =>
        await terminal.AskCredentialAsync(cancellationToken)
            ?? throw EndpointException.Usage("no OS login given: give a user and its password, or answer no (--store-credential no)");

    private static NamedRef? Find(IReadOnlyList<NamedRef> groups, string wanted) =>
        Guid.TryParse(wanted, out var id)
            ? groups.FirstOrDefault(g => g.Id == id)
            : groups.FirstOrDefault(g => string.Equals(g.Name, wanted.Trim(), StringComparison.OrdinalIgnoreCase));

    private static async Task<NamedRef> ChooseAsync(Terminal terminal, IReadOnlyList<NamedRef> groups, string account, CancellationToken cancellationToken)
    {
        var prompts = terminal.Prompts;
        await prompts.WriteLineAsync($"Device groups of {account}:");
        for (var i = 0; i < groups.Count; i++)
        {
            await prompts.WriteLineAsync($"  {i + 1}) {Terminal.Printable(groups[i].Name)}");
        }

        var question = groups.Count == 1 ? "Device group [1]" : $"Device group (1-{groups.Count})";
        while (await terminal.AskAsync(question, cancellationToken) is { } answer)
        {
            if (answer.Length == 0 && groups.Count == 1)
            {
                return groups[0];
            }

            if (int.TryParse(answer, out var number) && number >= 1 && number <= groups.Count)
            {
                return groups[number - 1];
            }

            if (answer.Length > 0 && Find(groups, answer) is { } named)
            {
                return named;
            }

            await prompts.WriteLineAsync($"'{Terminal.Printable(answer)}' is not one of the numbers 1 to {groups.Count}.");
        }

        return groups.Count == 1 ? groups[0] : throw EndpointException.Usage("no device group chosen: give --device-group ID-or-NAME", Choices(groups));
    }

    private static string[] Choices(IReadOnlyList<NamedRef> groups) =>
        [.. groups.Select(g => $"{Terminal.Printable(g.Name)} ({g.Id})")];
}
