using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading.Channels;
using Broker.Contracts;

namespace Broker.LoadTest.Presence;

/// <summary>
/// <c>broker-loadtest presence-clients PLAN.json</c>: one client process of the presence benchmark (a process holds at
/// most 20,000 open files here, so large runs spread their endpoints over several). Every socket is bound to the plan's
/// loopback source address (each address has its own ~28,000 ephemeral ports). Reads commands from standard input:
/// <c>connect</c>, <c>mark</c> (a host was killed: count heartbeats accepted from now on), <c>stop</c>; writes
/// <c>ready</c>, a <c>status</c> line every 100 ms (see <see cref="ClientStatus"/>), and <c>stopped</c>. Ends by itself at
/// the plan's deadline or when its standard input closes (the benchmark is gone).
/// </summary>
public static class PresenceClientProcess
{
    public const string Command = "presence-clients";

    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    public static async Task<int> RunAsync(string[] args)
    {
        var plan = JsonSerializer.Deserialize<PresencePlan>(await File.ReadAllTextAsync(args[0]), BrokerJson.Options)!;
        var deadline = DateTimeOffset.FromUnixTimeMilliseconds(plan.DeadlineUnixMs) - DateTimeOffset.UtcNow;
        using var stopping = new CancellationTokenSource(deadline > TimeSpan.Zero ? deadline : TimeSpan.Zero);
        var source = IPAddress.Parse(plan.SourceAddress);
        using var sockets = new HttpMessageInvoker(new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        });
        var counters = new PresenceCounters();
        var endpoints = plan.Endpoints.Select(e => new PresenceEndpoint(plan, e, sockets, counters, stopping.Token)).ToArray();
        var output = Console.Out;
        await output.WriteLineAsync("ready");
        await output.FlushAsync(stopping.Token);

        var connecting = Task.CompletedTask;
        var heartbeats = Task.CompletedTask;
        var reporting = ReportAsync(endpoints, counters, output, stopping.Token);
        try
        {
            await foreach (var command in Commands().ReadAllAsync(stopping.Token))
            {
                switch (command)
                {
                    case "connect":
                        connecting = ConnectAsync(endpoints, plan.ConnectConcurrency);
                        heartbeats = HeartbeatAsync(endpoints, TimeSpan.FromSeconds(plan.HeartbeatSeconds), stopping.Token);
                        break;
                    case "mark":
                        foreach (var endpoint in endpoints)
                        {
                            endpoint.Mark();
                        }

                        break;
                    case "stop":
                        await stopping.CancelAsync();
                        break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Told to stop, or the deadline.
        }

        await stopping.CancelAsync();
        await Task.WhenAll(connecting, heartbeats, reporting);
        await Parallel.ForEachAsync(endpoints, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (e, _) => await e.StopAsync());
        await output.WriteLineAsync("stopped");
        return 0;
    }

    /// <summary>The lines of standard input, read on a thread of their own (a console read cannot be cancelled); complete at its end.</summary>
    private static ChannelReader<string> Commands()
    {
        var commands = Channel.CreateUnbounded<string>();
        var reader = new Thread(() =>
        {
            while (Console.In.ReadLine() is { } line)
            {
                commands.Writer.TryWrite(line.Trim());
            }

            commands.Writer.TryComplete();
        })
        { IsBackground = true, Name = "commands" };
        reader.Start();
        return commands.Reader;
    }

    /// <summary>At most <paramref name="concurrency"/> first connections at once; each endpoint retries with its backoff.</summary>
    private static Task ConnectAsync(PresenceEndpoint[] endpoints, int concurrency) =>
        Parallel.ForEachAsync(endpoints, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (e, _) => await e.StartAsync());

    /// <summary>Every endpoint heartbeats once per interval, in its own slot of it, so the heartbeats are spread evenly.</summary>
    private static async Task HeartbeatAsync(PresenceEndpoint[] endpoints, TimeSpan interval, CancellationToken stopping)
    {
        var slots = Math.Max(1, (int)(interval / Tick));
        using var timer = new PeriodicTimer(Tick);
        try
        {
            for (long tick = 0; await timer.WaitForNextTickAsync(stopping); tick++)
            {
                var slot = (int)(tick % slots);
                for (var i = slot; i < endpoints.Length; i += slots)
                {
                    _ = endpoints[i].HeartbeatAsync();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task ReportAsync(PresenceEndpoint[] endpoints, PresenceCounters counters, TextWriter output, CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(Tick);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                var status = new ClientStatus(
                    endpoints.Count(e => e.Connected), endpoints.Count(e => e.Confirmed), endpoints.Count(e => e.ConfirmedSinceMark),
                    Interlocked.Read(ref counters.HeartbeatsAccepted), Interlocked.Read(ref counters.HeartbeatsFailed),
                    Interlocked.Read(ref counters.StartFailures), Interlocked.Read(ref counters.Reconnects), Interlocked.Read(ref counters.Restarts));
                await output.WriteLineAsync(status.ToLine());
                await output.FlushAsync(stopping);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
