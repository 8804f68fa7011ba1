using AkkaCompute.TestKit;
using static AkkaCompute.Cluster.Tests.Daemon.ClusterAwait;

namespace AkkaCompute.Cluster.Tests.Daemon;

/// <summary>Three actor systems in one process, over loopback with remoting, driven by the real daemon and core.</summary>
public sealed class ClusterDaemonTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly ClusterTestNodes _nodes = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _nodes.DisposeAsync();

    [Fact]
    public async Task Three_nodes_form_a_cluster_from_two_seeds()
    {
        var clusters = _nodes.StartCluster(3, seeds: 2);

        await Until(() => clusters.All(c => AllUp(c, 3)), Deadline, () => Describe(clusters) + "\n" + string.Join("\n", _nodes.Logs.Entries.TakeLast(40).Select(e => $"{e.Level} {e.Category}: {e.Message} {e.Exception}")));

        Assert.All(clusters, c => Assert.Equal(MemberStatus.Up, c.SelfMember.Status));
        var leader = clusters[0].State.Leader;
        Assert.NotNull(leader);
        await Until(() => clusters.All(c => Equals(c.State.Leader, leader)), Deadline, () => Describe(clusters));
    }

    [Fact]
    public async Task A_subscriber_gets_the_current_state_first_then_member_up_events()
    {
        var clusters = _nodes.StartCluster(3, seeds: 2);
        var probe = new TestProbe(clusters[2].System);

        clusters[2].Subscribe(probe.Ref, SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(MemberUp));

        probe.ExpectMsg<CurrentClusterState>(timeout: TimeSpan.FromSeconds(10));
        var up = new HashSet<Address>();
        while (up.Count < 3)
        {
            up.Add(probe.FishForMessage<MemberUp>(_ => true, Deadline).Member.Address);
        }

        Assert.True(up.SetEquals(clusters.Select(c => c.SelfAddress)));
    }

    [Fact]
    public async Task Initial_state_as_events_replays_the_members()
    {
        var clusters = _nodes.StartCluster(3, seeds: 2);
        await Until(() => clusters.All(c => AllUp(c, 3)), Deadline, () => Describe(clusters));
        var probe = new TestProbe(clusters[1].System);

        clusters[1].Subscribe(probe.Ref, SubscriptionInitialStateMode.InitialStateAsEvents, typeof(MemberEvent));

        var replayed = Enumerable.Range(0, 3).Select(_ => probe.ExpectMsg<MemberUp>(timeout: TimeSpan.FromSeconds(10)).Member.Address).ToHashSet();
        Assert.True(replayed.SetEquals(clusters.Select(c => c.SelfAddress)));
    }

    [Fact]
    public async Task A_graceful_leave_is_seen_as_member_removed_by_the_others_and_the_leaver_shuts_down()
    {
        var clusters = _nodes.StartCluster(3, seeds: 2);
        await Until(() => clusters.All(c => AllUp(c, 3)), Deadline, () => Describe(clusters));
        var probes = clusters.Take(2).Select(c => new TestProbe(c.System)).ToList();
        foreach (var (c, p) in clusters.Take(2).Zip(probes))
        {
            c.Subscribe(p.Ref, typeof(MemberRemoved));
            p.ExpectMsg<CurrentClusterState>(timeout: TimeSpan.FromSeconds(10));
        }

        var leaver = clusters[2];
        clusters[0].Leave(leaver.SelfAddress);

        foreach (var p in probes)
        {
            var removed = p.FishForMessage<MemberRemoved>(e => e.Member.Address.Equals(leaver.SelfAddress), Deadline);
            Assert.Equal(MemberStatus.Exiting, removed.PreviousStatus);
        }

        await leaver.System.WhenTerminated.WaitAsync(Deadline);
        Assert.True(leaver.IsTerminated);
        await Until(() => clusters.Take(2).All(c => AllUp(c, 2)), Deadline, () => Describe(clusters.Take(2)));
    }

    [Fact]
    public async Task A_terminated_node_that_did_not_leave_is_found_unreachable_and_downed_by_keep_majority()
    {
        var clusters = _nodes.StartCluster(3, seeds: 2, new ClusterRunOptions { LeaveOnShutdown = false });
        await Until(() => clusters.All(c => AllUp(c, 3)), Deadline, () => Describe(clusters));
        var survivors = clusters.Take(2).ToList();
        var probes = survivors.Select(c => new TestProbe(c.System)).ToList();
        foreach (var (c, p) in survivors.Zip(probes))
        {
            c.Subscribe(p.Ref, SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(UnreachableMember), typeof(MemberRemoved));
            p.ExpectMsg<CurrentClusterState>(timeout: TimeSpan.FromSeconds(10));
        }

        var crashed = clusters[2];
        await crashed.System.Terminate().WaitAsync(Deadline);

        foreach (var p in probes)
        {
            p.FishForMessage<UnreachableMember>(e => e.Member.Address.Equals(crashed.SelfAddress), Deadline);
            var removed = p.FishForMessage<MemberRemoved>(e => e.Member.Address.Equals(crashed.SelfAddress), Deadline);
            Assert.Equal(MemberStatus.Down, removed.PreviousStatus);
        }

        await Until(() => survivors.All(c => AllUp(c, 2) && c.State.Unreachable.IsEmpty), Deadline, () => Describe(survivors));
    }

    [Fact]
    public async Task Register_on_member_up_runs_once_the_node_is_up()
    {
        var clusters = _nodes.StartCluster(2, seeds: 1);
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        clusters[1].RegisterOnMemberUp(() => up.TrySetResult());

        await up.Task.WaitAsync(Deadline);
        Assert.Equal(MemberStatus.Up, clusters[1].SelfMember.Status);
    }

    [Fact]
    public void Starting_without_remoting_or_twice_is_refused_with_a_reason()
    {
        var (system, _) = _nodes.StartRemoting();
        var bare = ActorSystem.Create("bare");
        try
        {
            var e = Assert.Throws<InvalidOperationException>(() => Cluster.Start(bare, ClusterSettings.Default));
            Assert.Contains("remoting", e.Message);
            Assert.Throws<InvalidOperationException>(() => Cluster.Get(bare));
        }
        finally
        {
            bare.Terminate().Wait(TimeSpan.FromSeconds(10));
        }

        Cluster.Start(system, ClusterSettings.Default);
        Assert.Contains("already", Assert.Throws<InvalidOperationException>(() => Cluster.Start(system, ClusterSettings.Default)).Message);
        Assert.Same(Cluster.Get(system), Cluster.Get(system));
    }
}
