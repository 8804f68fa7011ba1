using System.Net.Security;
using System.Security.Authentication;
using AkkaCompute.Remote.Security;

namespace AkkaCompute.Remote.Tests.Security;

/// <summary>Handshake helpers; every wait has a deadline so a hung handshake fails the test instead of hanging it.</summary>
internal static class Tls
{
    /// <summary>Deadline of any one wait.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <summary>Runs both sides' handshakes at once over a loopback pair and returns both streams.</summary>
    public static async Task<(SslStream Server, SslStream Client)> HandshakeAsync(TlsStreamFactory server, TlsStreamFactory client, LoopbackPair pair)
    {
        var serverTask = server.AuthenticateAsServerAsync(pair.Server, CancellationToken.None);
        var clientTask = client.AuthenticateAsClientAsync(pair.Client, "127.0.0.1", CancellationToken.None);
        return (await serverTask.WaitAsync(Timeout), await clientTask.WaitAsync(Timeout));
    }

    /// <summary>Writes a message each way and checks it arrives.</summary>
    public static async Task AssertBytesFlowAsync(SslStream server, SslStream client)
    {
        await client.WriteAsync("ping from client"u8.ToArray()).AsTask().WaitAsync(Timeout);
        await client.FlushAsync().WaitAsync(Timeout);
        var received = new byte[16];
        await server.ReadExactlyAsync(received).AsTask().WaitAsync(Timeout);
        Assert.Equal("ping from client"u8.ToArray(), received);

        await server.WriteAsync("pong from server"u8.ToArray()).AsTask().WaitAsync(Timeout);
        await server.FlushAsync().WaitAsync(Timeout);
        await client.ReadExactlyAsync(received).AsTask().WaitAsync(Timeout);
        Assert.Equal("pong from server"u8.ToArray(), received);
    }

    /// <summary>
    /// The refused peer's side: its handshake fails, or (TLS 1.3, where the client finishes first) it succeeds and
    /// the connection then ends or fails at the first read.
    /// </summary>
    public static async Task AssertCutOffAsync(Task<SslStream> side)
    {
        SslStream stream;
        try
        {
            stream = await side.WaitAsync(Timeout);
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            return;
        }

        await using (stream)
        {
            try
            {
                var read = await stream.ReadAsync(new byte[1]).AsTask().WaitAsync(Timeout);
                Assert.Equal(0, read);
            }
            catch (Exception e) when (e is AuthenticationException or IOException)
            {
                // The peer's alert surfaced here: the connection is refused.
            }
        }
    }
}
