using System.Diagnostics;
using AkkaCompute.Cli.Management;

namespace AkkaCompute.Cli.Tests.Cluster;

/// <summary>
/// A set of <c>akc node</c> processes on loopback, joined through the first two as seeds; conditions are awaited by polling the
/// nodes' management endpoints with a deadline. Every process is killed on dispose.
/// </summary>
internal sealed class NodeCluster : IAsyncDisposable
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly List<AkcNodeProcess> _all = [];

    private NodeCluster(string workDir, int[] ports)
    {
        WorkDir = workDir;
        Ports = ports;
    }

    public string WorkDir { get; }

    public int[] Ports { get; }

    public int[] SeedPorts => Ports[..Math.Min(2, Ports.Length)];

    /// <summary>The running node of each slot (replaced on restart).</summary>
    public AkcNodeProcess[] Nodes { get; private set; } = [];

    public static async Task<NodeCluster> StartAsync(int count, string workDir)
    {
        var cluster = new NodeCluster(workDir, LoopbackPorts.Take(count));
        try
        {
            var nodes = new List<AkcNodeProcess>();
            await StartOneByOneAsync(cluster.Ports.Select(p => (Func<Task<AkcNodeProcess>>)(() => cluster.Launch(p))), nodes);
            cluster.Nodes = [.. nodes];
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="starts"/> one at a time, each node Up (its own <c>member Up</c> line) before the next starts, adding
    /// each to <paramref name="started"/> as it starts (so the caller disposes it even if a later one fails). Started at once,
    /// five nodes on two cores spend seconds JIT-compiling together, and a member's heartbeats could then pause longer than
    /// lan.conf tolerates (1 s): a false Unreachable that the split-brain resolver downs before the test begins (seen on CI).
    /// </summary>
    public static async Task StartOneByOneAsync(IEnumerable<Func<Task<AkcNodeProcess>>> starts, List<AkcNodeProcess> started)
    {
        foreach (var start in starts)
        {
            var node = await start();
            started.Add(node);
            await node.AwaitLineAsync($"member Up {node.Address}", Deadline);
        }
    }

    /// <summary>Starts slot <paramref name="i"/> again on its port (a new incarnation with a new uid).</summary>
    public async Task<AkcNodeProcess> RestartAsync(int i)
    {
        Nodes[i] = await Launch(Ports[i]);
        return Nodes[i];
    }

    /// <summary>Waits until the client's contact PeerActor places tasks on <paramref name="members"/> members (within <paramref name="deadline"/>, default <see cref="Deadline"/>).</summary>
    public static async Task AwaitPeerViewAsync(AkkaCompute.Client.ComputeClient client, int members, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? Deadline);
        while ((await client.MembersAsync()).Count < members)
        {
            Assert.True(DateTime.UtcNow < until, $"the contact's peer did not see {members} members in time");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits until every node in <paramref name="observers"/> sees exactly <paramref name="expected"/> as Up members, all reachable, converged.</summary>
    public static Task AwaitMembersAsync(IEnumerable<AkcNodeProcess> observers, IReadOnlyCollection<AkcNodeProcess> expected) =>
        AwaitAsync(observers, s =>
            s.Convergence && s.Unreachable.Count == 0 && s.Members.Count == expected.Count &&
            expected.All(n => s.Members.Any(m => m.Address == n.Address.ToString() && m.Uid == n.Uid && m.Status == "Up")),
            $"{expected.Count} Up members: {string.Join(", ", expected.Select(n => $"{n.Address}#{n.Uid}"))}");

    /// <summary>Waits until <paramref name="condition"/> holds for the status of every node in <paramref name="observers"/>.</summary>
    public static async Task AwaitAsync(IEnumerable<AkcNodeProcess> observers, Func<ClusterStatusDto, bool> condition, string what)
    {
        var nodes = observers.ToList();
        var clock = Stopwatch.StartNew();
        var last = new Dictionary<int, string>();
        while (true)
        {
            var ok = true;
            foreach (var n in nodes)
            {
                var status = await n.TryStatusAsync();
                last[n.Port] = status is null ? "no answer" : Summary(status);
                ok &= status is not null && condition(status);
            }

            if (ok)
            {
                return;
            }

            if (clock.Elapsed > Deadline)
            {
                Assert.Fail($"not within {Deadline}: {what}\nlast seen:\n  {string.Join("\n  ", last.Select(p => $":{p.Key} {p.Value}"))}\n{string.Join("\n", nodes.Select(n => n.Describe()))}");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var n in _all)
        {
            await n.DisposeAsync();
        }
    }

    private static string Summary(ClusterStatusDto s) =>
        $"{(s.Convergence ? "converged" : "not converged")}, leader {s.Leader}, members [{string.Join(", ", s.Members.Select(m => $"{new Uri(m.Address.Replace("akka.tcp", "http", StringComparison.Ordinal)).Port}={m.Status}{(m.Reachable ? "" : "(unreachable)")}"))}]";

    private async Task<AkcNodeProcess> Launch(int port)
    {
        var node = await AkcNodeProcess.StartAsync(port, SeedPorts, WorkDir);
        lock (_all)
        {
            _all.Add(node);
        }

        return node;
    }
}
