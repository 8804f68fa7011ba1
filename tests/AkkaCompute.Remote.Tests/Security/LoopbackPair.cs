using System.Net;
using System.Net.Sockets;

namespace AkkaCompute.Remote.Tests.Security;

/// <summary>Both ends of one TCP connection over 127.0.0.1, as the transport hands them to the TLS layer.</summary>
internal sealed class LoopbackPair : IDisposable
{
    private readonly TcpClient _accepted;
    private readonly TcpClient _connected;

    private LoopbackPair(TcpClient accepted, TcpClient connected)
    {
        _accepted = accepted;
        _connected = connected;
        Server = accepted.GetStream();
        Client = connected.GetStream();
    }

    /// <summary>The accepted end's stream.</summary>
    public NetworkStream Server { get; }

    /// <summary>The connecting end's stream.</summary>
    public NetworkStream Client { get; }

    public static async Task<LoopbackPair> OpenAsync()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var connected = new TcpClient();
        try
        {
            var connect = connected.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
            var accepted = await listener.AcceptTcpClientAsync().WaitAsync(Tls.Timeout);
            await connect.WaitAsync(Tls.Timeout);
            return new LoopbackPair(accepted, connected);
        }
        catch
        {
            connected.Dispose();
            throw;
        }
        finally
        {
            listener.Stop();
        }
    }

    public void Dispose()
    {
        _accepted.Dispose();
        _connected.Dispose();
    }
}
