using System.Net;
using System.Net.Sockets;

namespace Broker.Testing;

/// <summary>
/// Ports for the servers tests start on 127.0.0.1. Binding port 0 hands out a port from the kernel's ephemeral range,
/// where every outgoing connection of a busy test run takes its own, so such a port can be gone again by the time the
/// server binds it. These come from below that range instead (read from <c>/proc</c>), from a random start per process
/// so that test processes running side by side rarely try the same one, and each is checked free before it is handed out.
/// </summary>
public static class LoopbackPort
{
    private const int Lowest = 10_000;
    private const string EphemeralRange = "/proc/sys/net/ipv4/ip_local_port_range";

    private static readonly int Below = EphemeralStart();
    private static int _next = Below > Lowest + 1_000 ? Random.Shared.Next(Lowest, Below) : 0;

    /// <summary>A port on 127.0.0.1 that nothing listens on now.</summary>
    public static int Next()
    {
        if (_next == 0)
        {
            return Ephemeral();
        }

        for (var attempt = 0; attempt < 1_000; attempt++)
        {
            var port = Interlocked.Increment(ref _next);
            if (port >= Below)
            {
                Interlocked.CompareExchange(ref _next, Lowest, port);
                continue;
            }

            if (IsFree(port))
            {
                return port;
            }
        }

        return Ephemeral();
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int Ephemeral()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The first port of the ephemeral range (Linux's default when it cannot be read: 32768).</summary>
    private static int EphemeralStart()
    {
        try
        {
            var first = File.ReadAllText(EphemeralRange).Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries)[0];
            return int.Parse(first, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 32_768;
        }
    }
}
