using System.Net;
using System.Net.Sockets;

namespace AkkaCompute.Cli.Tests.Cluster;

/// <summary>Free TCP ports on loopback, found by binding port 0 (all held at once so that they differ) and releasing them.</summary>
internal static class LoopbackPorts
{
    /// <summary>A listener holding a free loopback port, so that a node configured with it cannot listen there; dispose to free it.</summary>
    public static TcpListener Occupy(out int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        port = ((IPEndPoint)listener.LocalEndpoint).Port;
        return listener;
    }

    public static int[] Take(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }
}
