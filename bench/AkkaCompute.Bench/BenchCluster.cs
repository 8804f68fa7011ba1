using AkkaCompute.Client;

namespace AkkaCompute.Bench;

/// <summary>
/// Three <c>akc node</c> processes on 127.0.0.1 (hocon/lan.conf, each its own data directory) and a <see cref="ComputeClient"/>
/// connected to the first, which sees all three members; disposing stops the nodes and deletes their directories.
/// </summary>
internal sealed class BenchCluster : IAsyncDisposable
{
    private readonly DirectoryInfo _dir;

    private BenchCluster(DirectoryInfo dir, List<BenchNode> nodes, ComputeClient client)
    {
        _dir = dir;
        Nodes = nodes;
        Client = client;
    }

    /// <summary>The nodes, the first being the client's contact (the tasks' home).</summary>
    public IReadOnlyList<BenchNode> Nodes { get; }

    /// <summary>A client connected to the first node.</summary>
    public ComputeClient Client { get; }

    /// <summary>Starts the three nodes with <paramref name="extraArgs"/> (e.g. <c>--set KEY=VALUE</c>) and waits until the contact's peer sees them all.</summary>
    /// <exception cref="InvalidOperationException">A node did not start or join.</exception>
    public static async Task<BenchCluster> StartAsync(IReadOnlyList<string> extraArgs)
    {
        var akc = RealClusterFailure.Metadata("AkcDll");
        var lan = RealClusterFailure.Metadata("LanConf");
        var dir = Directory.CreateTempSubdirectory("akc-bench-cluster3-");
        var ports = RealClusterFailure.FreeLoopbackPorts(3);
        var nodes = new List<BenchNode>();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            foreach (var port in ports)
            {
                nodes.Add(BenchNode.Start(akc, lan, dir.FullName, port, ports[..2], extraArgs));
            }

            await Task.WhenAll(nodes.Select(n => n.WaitStartedAsync()));
            await RealClusterFailure.AwaitUpAsync(http, nodes);
            var client = await ComputeClient.ConnectAsync([nodes[0].Address]);
            while ((await client.MembersAsync()).Count < 3)
            {
                await Task.Delay(20);
            }

            return new BenchCluster(dir, nodes, client);
        }
        catch
        {
            BenchNode.DisposeAll(nodes, dir);
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        BenchNode.DisposeAll([.. Nodes], _dir);
    }
}
