using System.CommandLine;
using Broker.Contracts;
using Broker.Contracts.Sessions;
using Broker.Endpoint.Connection;
using Broker.Endpoint.Identity;

namespace Broker.Endpoint.Commands;

/// <summary>
/// <c>join</c>, the attended method: the person at this computer joins an agent's attended session with the support
/// key the agent reads out. The agent may then ask for unattended access; if it is allowed and set up, this computer
/// keeps the identity the broker sends, and <c>run</c> connects as that device from then on.
/// </summary>
internal static class JoinCommand
{
    public static Command Create(EndpointApp app)
    {
        var server = EndpointOptions.Server("The broker's URL, e.g. https://broker.example.com");
        server.Required = true;
        var key = new Option<string>("--key")
        {
            Description = "The support key the agent gives you (9 digits; spaces and dashes are fine)",
            HelpName = "KEY",
            Required = true,
        };
        var consent = EndpointOptions.Consent();
        var config = EndpointOptions.Config();
        config.Description = "Where to keep this computer's identity if the agent sets up unattended access (default: "
            + "/etc/broker-endpoint/endpoint.json as root on Linux, else $XDG_CONFIG_HOME or ~/.config/broker-endpoint/endpoint.json)";
        var sessions = new SessionOptions();
        var command = new Command("join", "Join an agent's attended session with a support key; the agent may ask to set up unattended access")
        {
            server, key, consent, config,
        };
        sessions.AddTo(command);

        app.SetAction(command, async (parse, cancellationToken) =>
        {
            var broker = ServerUrl.Normalize(parse.GetValue(server)!);
            var store = new IdentityStore(parse.GetValue(config) ?? IdentityStore.DefaultPath());

            // The key this computer enrols with, so the broker can tell the agent when it already has unattended access.
            var machineKey = MachineKey.Resolve(store.Load()?.MachineKey, app.Environment.MachineIdPath);
            if (BrokerUrl.IsUnencryptedRemote(broker))
            {
                await app.Error.WriteLineAsync($"warning: {broker} is not https: the session token crosses the network unencrypted");
            }

            var environment = app.Environment;
            JoinResponse joined;
            try
            {
                // Once: a wrong key must not be retried (guesses are throttled), nor an unreachable broker while someone waits.
                joined = await app.Api(broker).JoinAsync(
                    new JoinRequest(parse.GetValue(key)!.Trim(), environment.ComputerName, environment.OsDescription, machineKey), cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await app.Out.WriteLineAsync("Stopped.");
                return ExitCodes.Success;
            }

            var role = new JoinedSessionRole(
                broker, joined, environment.ComputerName, store, machineKey, app.ConsentPrompt(parse.GetValue(consent)),
                app.SessionHandler(sessions.Frames(parse)), app.Out, app.Error);
            try
            {
                return await new DeviceConnection(role, environment.Backoff ?? new ReconnectPolicy(), parse.GetValue(sessions.Protocol), app.Out, environment.Time)
                    .RunAsync(cancellationToken);
            }
            finally
            {
                role.ForgetUnusedCredential();
            }
        });
        return command;
    }
}
