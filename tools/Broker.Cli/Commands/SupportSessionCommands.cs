using System.CommandLine;
using System.Globalization;
using Broker.Contracts;
using Broker.Contracts.Hubs;
using Broker.Contracts.Sessions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.Cli.Commands;

/// <summary><c>brokerctl sessions</c>: start, list, show and end support sessions; watch a session's frames and send it input.</summary>
internal static class SupportSessionCommands
{
    public static Command Create(CliApp app) => new("sessions", "Start, list, show and end support sessions; watch frames and send input")
    {
        Start(app), List(app), Get(app), End(app), Watch(app), Input(app),
    };

    private static Command List(CliApp app)
    {
        var open = new Option<bool?>("--open") { Description = "Only sessions not ended (true) or ended (false)", HelpName = "true|false" };
        var command = new Command("list", "List the sessions you started, newest first") { open };
        app.SetAction(command, async invocation =>
        {
            var route = invocation.Value(open) is { } isOpen ? $"{Routes.Sessions}?open={(isOpen ? "true" : "false")}" : Routes.Sessions;
            var reply = await invocation.SignedIn().GetAsync<SessionResponse[]>(route, invocation.CancellationToken);
            invocation.Output.ShowList(reply, "No sessions.", ["ID", "KIND", "STATE", "DEVICE OR CUSTOMER", "CREATED", "ENDED"], session =>
                [session.Id.ToString(), session.Kind, session.State,
                 session.DeviceId?.ToString() ?? (session.Customer is { } customer ? customer.ComputerName : "-"),
                 Format.Time(session.CreatedAt), session.EndedReason ?? "-"]);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Start(CliApp app)
    {
        var device = CliSymbols.IdOption("--device", "Start an unattended session on this device (it must be online)");
        var attended = new Option<bool>("--attended") { Description = "Start an attended session: you get a support key for the customer" };
        var command = new Command("start", "Start an unattended session on a device, or an attended one") { device, attended };
        app.SetAction(command, async invocation =>
        {
            var deviceId = invocation.Value(device);
            if ((deviceId is null) == !invocation.Value(attended))
            {
                throw CliException.Usage("give either --device ID (unattended) or --attended");
            }

            var broker = invocation.SignedIn();
            var request = deviceId is { } id ? new CreateSessionRequest(SessionKinds.Unattended, id) : new CreateSessionRequest(SessionKinds.Attended);
            var reply = await broker.PostAsync<CreateSessionRequest, CreateSessionResponse>(Routes.Sessions, request, invocation.CancellationToken);
            invocation.Output.Show(reply, started =>
            {
                if (started.SupportKey is { } key)
                {
                    invocation.Output.Fields(("Session", started.SessionId.ToString()), ("Support key", key),
                        ("Expires", started.SupportKeyExpiresAt is { } at ? Format.Time(at) : "-"),
                        ("The customer runs", $"broker-endpoint join --server {broker.Server} --key {key}"));
                    return;
                }

                invocation.Output.Fields(("Session", started.SessionId.ToString()), ("Device", started.DeviceId?.ToString() ?? "-"),
                    ("OS login stored", started.CredentialStored == true ? "yes" : "no: log in at the remote login screen"),
                    ("Watch with", $"brokerctl sessions watch {started.SessionId}"));
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Get(CliApp app)
    {
        var id = CliSymbols.IdArgument("session");
        var command = new Command("get", "Show a session you started") { id };
        app.SetAction(command, async invocation =>
        {
            var reply = await invocation.SignedIn().GetAsync<SessionResponse>(Routes.Session(invocation.Value(id)), invocation.CancellationToken);
            invocation.Output.Show(reply, session => Show(invocation.Output, session));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command End(CliApp app)
    {
        var id = CliSymbols.IdArgument("session");
        var command = new Command("end", "End a session you started; the device and every viewer are told") { id };
        app.SetAction(command, async invocation =>
        {
            var broker = invocation.SignedIn();
            await broker.DeleteAsync(Routes.Session(invocation.Value(id)), invocation.CancellationToken);
            var reply = await broker.GetAsync<SessionResponse>(Routes.Session(invocation.Value(id)), invocation.CancellationToken);
            invocation.Output.Show(reply, session => Show(invocation.Output, session));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Watch(CliApp app)
    {
        var id = CliSymbols.IdArgument("session");
        var frames = new Option<int?>("--frames") { Description = "Stop after this many frames (default: until the session ends or Ctrl+C)", HelpName = "N" };
        var command = new Command("watch", "Watch a session's frames: one line per frame with its size and latency") { id, frames };
        app.SetAction(command, async invocation =>
        {
            if (invocation.Value(frames) is <= 0)
            {
                throw CliException.Usage("--frames must be at least 1");
            }

            var sessionId = invocation.Value(id);
            await using var hub = await ConnectAsync(invocation);
            var ended = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            hub.On<Guid, string>(nameof(IAgentClient.SessionEnded), (session, reason) =>
            {
                if (session == sessionId)
                {
                    ended.TrySetResult(reason);
                }
            });
            var count = 0;
            try
            {
                await foreach (var frame in hub.StreamAsync<Frame>(nameof(IAgentHub.WatchSession), sessionId, invocation.CancellationToken))
                {
                    var latency = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - frame.CapturedAtUnixMs;
                    if (invocation.Output.Json)
                    {
                        invocation.Output.WriteJson(new { frame.Seq, frame.Width, frame.Height, frame.Codec, bytes = frame.Data.Length, frame.KeyFrame, latencyMs = latency });
                    }
                    else
                    {
                        invocation.Output.Line(string.Create(CultureInfo.InvariantCulture,
                            $"frame {frame.Seq} {frame.Width}x{frame.Height} {frame.Codec} {frame.Data.Length} bytes, {latency} ms after capture"));
                    }

                    if (++count == invocation.Value(frames))
                    {
                        return ExitCodes.Success;
                    }
                }
            }
            catch (HubException e)
            {
                throw new CliException(ExitCodes.NotFound, e.Message.Split("HubException: ").Last());
            }
            catch (OperationCanceledException) when (invocation.CancellationToken.IsCancellationRequested)
            {
                return ExitCodes.Success;
            }

            var reason = await ended.Task.WaitAsync(TimeSpan.FromSeconds(2), CancellationToken.None).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null, TaskScheduler.Default);
            invocation.Output.Line($"Session ended{(reason is null ? "" : $": {reason}")} ({count} frames).");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Input(CliApp app)
    {
        var id = CliSymbols.IdArgument("session");
        var kind = new Option<string>("--kind")
        {
            Description = "pointer-move, pointer-down, pointer-up, wheel, key-down, key-up or text",
            HelpName = "KIND",
            Required = true,
        };
        var x = new Option<double?>("--x") { Description = "Pointer position in the frame's pixels", HelpName = "X" };
        var y = new Option<double?>("--y") { Description = "Pointer position in the frame's pixels", HelpName = "Y" };
        var button = new Option<int?>("--button") { Description = "Pointer button (0 left, 1 middle, 2 right)", HelpName = "N" };
        var key = new Option<string?>("--key") { Description = "Key name, e.g. Enter", HelpName = "KEY" };
        var text = new Option<string?>("--text") { Description = "Text to type", HelpName = "TEXT" };
        var command = new Command("input", "Send one input event to the device of a session you control") { id, kind, x, y, button, key, text };
        app.SetAction(command, async invocation =>
        {
            await using var hub = await ConnectAsync(invocation);
            var input = new InputEvent(invocation.Value(kind)!, invocation.Value(x), invocation.Value(y), invocation.Value(button), invocation.Value(key), invocation.Value(text));
            try
            {
                await hub.InvokeAsync(nameof(IAgentHub.SendInput), invocation.Value(id), input, invocation.CancellationToken);
            }
            catch (HubException e)
            {
                throw new CliException(ExitCodes.Conflict, e.Message.Split("HubException: ").Last());
            }

            if (!invocation.Output.Json)
            {
                invocation.Output.Line($"Sent {input.Kind} to session {invocation.Value(id)}.");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<HubConnection> ConnectAsync(Invocation invocation)
    {
        var broker = invocation.SignedIn();
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(new Uri(broker.Server), HubRoutes.Agent), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.AccessTokenProvider = () => Task.FromResult(broker.AccessToken);
            })
            .AddJsonProtocol(json => BrokerJson.Configure(json.PayloadSerializerOptions))
            .Build();
        try
        {
            await hub.StartAsync(invocation.CancellationToken);
        }
        catch (HttpRequestException e)
        {
            await hub.DisposeAsync();
            throw new CliException(ExitCodes.Unreachable, $"cannot connect to {broker.Server}{HubRoutes.Agent}: {e.Message}");
        }

        return hub;
    }

    private static void Show(Output output, SessionResponse session) => output.Fields(
        ("Session", session.Id.ToString()),
        ("Kind", session.Kind),
        ("State", session.State),
        ("Device", session.DeviceId?.ToString() ?? "-"),
        ("OS login stored", session.CredentialStored is { } stored ? Format.YesNo(stored) : "-"),
        ("Customer", session.Customer is { } customer ? $"{customer.ComputerName} ({customer.Os})" : "-"),
        ("Unattended setup", session.UnattendedSetup.Available ? "available" : session.UnattendedSetup.UnavailableReason ?? "-"),
        ("Created", Format.Time(session.CreatedAt)),
        ("Ended", session.EndedReason ?? "-"));
}
