using System.Net.Sockets;

namespace AkkaCompute.Cli.Tests.Cluster;

/// <summary>Hostile bytes on a node's remoting port (Akka.Remote's DotNetty TCP) close that connection; the node keeps serving.</summary>
[Collection(ClusterProcessCollection.Name)]
public sealed class HostileRemotingTests
{
    [Fact]
    public async Task Garbage_on_the_remoting_port_closes_that_connection_and_the_node_keeps_serving_and_joining()
    {
        using var h = new CliHarness();
        await using var cluster = await NodeCluster.StartAsync(2, h.Root);
        var (first, second) = (cluster.Nodes[0], cluster.Nodes[1]);
        await NodeCluster.AwaitMembersAsync([first], [first, second]);

        var random = new Random(42);
        foreach (var garbage in new[]
        {
            Fill(random, 4096), // random bytes
            [0x7F, 0xFF, 0xFF, 0xFF, 1, 2, 3], // a frame length of 2 GiB
            "GET / HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray(), // another protocol
        })
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", first.Port);
            var stream = client.GetStream();
            await stream.WriteAsync(garbage);
            Assert.True(await ClosedByPeerAsync(stream, TimeSpan.FromSeconds(30)), "the node did not close a connection that sent garbage");
        }

        // Still a working member: it answers, and the cluster still sees both nodes Up and reachable.
        await NodeCluster.AwaitAsync([first, second], s => s.Members.Count == 2 && s.Members.All(m => m.Status == "Up" && m.Reachable), "both nodes Up and reachable after the garbage");
        Assert.False(first.HasExited, first.Describe());
    }

    private static byte[] Fill(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>True once the peer closes (a read returns 0 or the connection is reset) within <paramref name="deadline"/>.</summary>
    private static async Task<bool> ClosedByPeerAsync(NetworkStream stream, TimeSpan deadline)
    {
        using var cts = new CancellationTokenSource(deadline);
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                if (await stream.ReadAsync(buffer, cts.Token) == 0)
                {
                    return true;
                }
            }
        }
        catch (IOException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
