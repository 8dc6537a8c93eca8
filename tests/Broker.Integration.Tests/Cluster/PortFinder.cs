using System.Net;
using System.Net.Sockets;

namespace Broker.Integration.Tests.Cluster;

/// <summary>Free TCP ports on 127.0.0.1, as the operating system hands them out.</summary>
public static class PortFinder
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
