using System.Collections.Immutable;
using AkkaCompute.Cluster.Protocol;
using AkkaCompute.Cluster.Sbr;
using AkkaCompute.Remote;
using AkkaCompute.TestKit;
using Microsoft.Extensions.Logging;

namespace AkkaCompute.Cluster.Tests.Daemon;

/// <summary>
/// Actor systems with remoting on loopback (port 0) and cluster membership on short intervals, in one process; every system is
/// terminated at the end of the test.
/// </summary>
public sealed class ClusterTestNodes : IAsyncDisposable
{
    private readonly List<ActorSystem> _systems = [];

    public LogCapture Logs { get; } = new();

    /// <summary>Membership timing for tests: detection within ~1 s, downing 1 s later.</summary>
    public static ClusterSettings Fast(ImmutableArray<Address> seeds) => new()
    {
        SeedNodes = seeds,
        GossipInterval = TimeSpan.FromMilliseconds(100),
        LeaderActionsInterval = TimeSpan.FromMilliseconds(100),
        UnreachableNodesReaperInterval = TimeSpan.FromMilliseconds(100),
        RetryUnsuccessfulJoinAfter = TimeSpan.FromMilliseconds(500),
        HeartbeatInterval = TimeSpan.FromMilliseconds(100),
        AcceptableHeartbeatPause = TimeSpan.FromMilliseconds(600),
        MinStdDeviation = TimeSpan.FromMilliseconds(50),
        WeaklyUpAfter = TimeSpan.FromSeconds(1),
        SplitBrainResolver = new SplitBrainResolverSettings { StableAfter = TimeSpan.FromSeconds(1) },
    };

    public static RemoteSettings Remote { get; } = new()
    {
        Port = 0,
        ReconnectBackoffMin = TimeSpan.FromMilliseconds(20),
        ReconnectBackoffMax = TimeSpan.FromMilliseconds(200),
    };

    /// <summary>Creates a system with remoting started; the cluster is started separately, once every seed's address is known.</summary>
    public (ActorSystem System, Address Address) StartRemoting(string name = "akc")
    {
        var system = ActorSystem.Create(name, new ActorSystemSettings
        {
            LoggerFactory = LoggerFactory.Create(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug)),
            ShutdownPhaseTimeout = TimeSpan.FromSeconds(3),
        });
        _systems.Add(system);
        return (system, AkkaCompute.Remote.Remoting.Start(system, Remote).Address);
    }

    /// <summary>Starts <paramref name="count"/> systems and their clusters, joining through the first <paramref name="seeds"/> of them.</summary>
    public List<Cluster> StartCluster(int count, int seeds, ClusterRunOptions? options = null)
    {
        var started = Enumerable.Range(0, count).Select(_ => StartRemoting()).ToList();
        var seedAddresses = started.Take(seeds).Select(s => s.Address).ToImmutableArray();
        return started.Select(s => Cluster.Start(s.System, Fast(seedAddresses), FastCore(options))).ToList();
    }

    /// <summary><paramref name="options"/> with the seed-node timeout at 500 ms (the first seed forms the cluster that soon).</summary>
    public static ClusterRunOptions FastCore(ClusterRunOptions? options) =>
        (options ?? ClusterRunOptions.Default) with { CoreOptions = ClusterCoreOptions.Default with { SeedNodeTimeout = TimeSpan.FromMilliseconds(500) } };

    public async ValueTask DisposeAsync()
    {
        foreach (var s in _systems)
        {
            await s.Terminate().WaitAsync(TimeSpan.FromSeconds(20));
        }
    }
}
