using System.CommandLine;
using Broker.Contracts;
using Broker.Contracts.Enrollment;
using Broker.Endpoint.Connection;
using Broker.Endpoint.Enrollment;
using Broker.Endpoint.Identity;
using Microsoft.AspNetCore.SignalR.Client;

namespace Broker.Endpoint.Commands;

/// <summary>
/// <c>run</c>, installed mode: enrol with the installer's enrollment code on first start, then stay connected to the
/// broker, reconnecting with backoff, until stopped.
/// </summary>
internal static class RunCommand
{
    public static Command Create(EndpointApp app)
    {
        var config = EndpointOptions.Config();
        var server = EndpointOptions.Server("The broker's URL, to enrol with --enrollment-code (default: from enrollment.json)");
        var code = new Option<string?>("--enrollment-code")
        {
            Description = "The device group's enrollment code, used once to enrol this computer (default: from enrollment.json)",
            HelpName = "CODE",
        };
        var file = new Option<string?>("--enrollment-file")
        {
            Description = $"The installer's {EnrollmentConfig.FileName} (default: the one beside this program, if any)",
            HelpName = "PATH",
        };
        var consent = EndpointOptions.Consent();
        var heartbeat = EndpointOptions.Seconds("--heartbeat", 15, "Seconds between heartbeats to the broker");
        var maxRetryDelay = EndpointOptions.Seconds("--max-retry-delay", (int)ReconnectPolicy.DefaultMaximum.TotalSeconds,
            "The longest wait between attempts to reach the broker (they start at 1 second and double)");
        var sessions = new SessionOptions();
        var command = new Command("run", "Enrol with the installer's enrollment code on first start, then stay connected to the broker")
        {
            config, server, code, file, consent, heartbeat, maxRetryDelay,
        };
        sessions.AddTo(command);

        app.SetAction(command, async (parse, cancellationToken) =>
        {
            var store = new IdentityStore(parse.GetValue(config) ?? IdentityStore.DefaultPath());
            var backoff = app.Environment.Backoff
                ?? new ReconnectPolicy(ReconnectPolicy.DefaultInitial, TimeSpan.FromSeconds(parse.GetValue(maxRetryDelay)), Random.Shared);
            var identity = store.Load();
            if (identity is null)
            {
                var installer = EnrollmentConfig.Find(parse.GetValue(server), parse.GetValue(code), parse.GetValue(file), app.Environment.BaseDirectory)
                    ?? throw EndpointException.Usage(
                        $"this computer is not enrolled yet ({store.Path} does not exist) and no enrollment code was given",
                        $"installed from a device group's installer: put its {EnrollmentConfig.FileName} beside this program, or give --enrollment-file PATH",
                        "or give --server URL --enrollment-code CODE",
                        "or link it to an agent's account: broker-endpoint setup --server URL");
                try
                {
                    identity = await EnrollAsync(app, store, installer, backoff, cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // A service stopped while waiting for the broker stopped cleanly: nothing was half-written.
                    await app.Out.WriteLineAsync("Stopped.");
                    return ExitCodes.Success;
                }
            }
            else if (parse.GetValue(code) is not null || parse.GetValue(file) is not null
                || (parse.GetValue(server) is { } other && !BrokerUrl.Same(ServerUrl.Normalize(other), identity.Server)))
            {
                await app.Error.WriteLineAsync(
                    $"note: this computer is already enrolled as {identity}; ignoring the enrollment options (delete {store.Path} to enrol again)");
            }

            WarnIfUnencrypted(app, identity.Server);
            var role = new EnrolledDeviceRole(
                store, identity, TimeSpan.FromSeconds(parse.GetValue(heartbeat)), app.ConsentPrompt(parse.GetValue(consent)),
                app.SessionHandler(sessions.Frames(parse)), app.Out, app.Error);
            return await new DeviceConnection(role, backoff, parse.GetValue(sessions.Protocol), app.Out, app.Environment.Time).RunAsync(cancellationToken);
        });
        return command;
    }

    /// <summary>
    /// Enrols with the installer's code. Retries while the broker is unreachable, busy or throttling, as a service that
    /// starts before the network (or with thousands of others, in a mass deployment) must; a refused code ends the run.
    /// </summary>
    private static async Task<EndpointIdentity> EnrollAsync(
        EndpointApp app, IdentityStore store, EnrollmentConfig installer, IRetryPolicy backoff, CancellationToken cancellationToken)
    {
        var environment = app.Environment;
        var machineKey = MachineKey.Resolve(existing: null, environment.MachineIdPath);
        var request = new EnrollRequest(
            EnrollMethods.Installer, machineKey, environment.ComputerName, environment.OsDescription, EnrollmentCode: installer.EnrollmentCode);
        var api = app.Api(installer.Server);
        var started = environment.Time.GetTimestamp();
        for (long attempt = 0; ; attempt++)
        {
            try
            {
                var enrolled = await api.EnrollAsync(request, cancellationToken);
                var identity = new EndpointIdentity(
                    installer.Server, enrolled.DeviceId, enrolled.DeviceToken, enrolled.DeviceGroupId, enrolled.Nickname, machineKey);
                store.Save(identity);
                await app.Out.WriteLineAsync($"Enrolled as {Terminal.Printable(enrolled.Nickname)} ({enrolled.DeviceId}) in device group {enrolled.DeviceGroupId}");
                return identity;
            }
            catch (EndpointException e) when (e.IsTransient)
            {
                var context = new RetryContext { PreviousRetryCount = attempt, ElapsedTime = environment.Time.GetElapsedTime(started), RetryReason = e };
                if (backoff.NextRetryDelay(context) is not { } backoffWait)
                {
                    throw;
                }

                var wait = e.RetryAfter > backoffWait ? e.RetryAfter.Value : backoffWait;

                await app.Out.WriteLineAsync($"Cannot enrol with {installer.Server}: {e.Message}; retrying in {ConnectionRetry.Seconds(wait)}");
                await Task.Delay(wait, environment.Time, cancellationToken);
            }
            catch (EndpointException e) when (e.ExitCode == ExitCodes.EnrollmentRefused)
            {
                throw e.WithHint("download the device group's installer again, or ask an admin for the group's current enrollment code "
                    + "and run: broker-endpoint run --server URL --enrollment-code CODE");
            }
        }
    }

    private static void WarnIfUnencrypted(EndpointApp app, string server)
    {
        if (BrokerUrl.IsUnencryptedRemote(server))
        {
            app.Error.WriteLine($"warning: {server} is not https: the device token crosses the network unencrypted");
        }
    }
}
