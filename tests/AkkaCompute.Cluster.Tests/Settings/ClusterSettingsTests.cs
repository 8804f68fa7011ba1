namespace AkkaCompute.Cluster.Tests.Settings;

public sealed class ClusterSettingsTests
{
    [Fact]
    public void Defaults_are_akka_defaults()
    {
        var s = ClusterSettings.Default;
        Assert.Equal(TimeSpan.FromSeconds(1), s.GossipInterval);
        Assert.Equal(TimeSpan.FromSeconds(1), s.HeartbeatInterval);
        Assert.Equal(8.0, s.FailureDetectorThreshold);
        Assert.Equal(TimeSpan.FromSeconds(3), s.AcceptableHeartbeatPause);
        Assert.Equal(TimeSpan.FromMilliseconds(100), s.MinStdDeviation);
        Assert.Equal(1000, s.MaxSampleSize);
        Assert.Equal(9, s.MonitoredByNrOfMembers);
        Assert.Empty(s.SeedNodes);
        Assert.Equal(TimeSpan.FromSeconds(10), s.RetryUnsuccessfulJoinAfter);
        Assert.Equal(TimeSpan.FromSeconds(7), s.WeaklyUpAfter);
        Assert.True(s.AllowWeaklyUpMembers);
        Assert.Equal(TimeSpan.FromSeconds(1), s.UnreachableNodesReaperInterval);
        Assert.Equal(TimeSpan.FromSeconds(1), s.LeaderActionsInterval);
        Assert.Equal(1, s.MinNrOfMembers);
        Assert.Equal(TimeSpan.FromHours(24), s.PruneGossipTombstonesAfter);
        Assert.Same(AkkaCompute.Cluster.Sbr.SplitBrainResolverSettings.Default, s.SplitBrainResolver);
        s.Validate();
    }

    [Fact]
    public void Failure_detector_settings_are_passed_to_the_phi_accrual_detector()
    {
        var phi = (ClusterSettings.Default with { FailureDetectorThreshold = 10, HeartbeatInterval = TimeSpan.FromMilliseconds(500) }).ToPhiAccrualSettings();
        Assert.Equal(10, phi.Threshold);
        Assert.Equal(TimeSpan.FromMilliseconds(500), phi.FirstHeartbeatEstimate);
        Assert.Equal(TimeSpan.FromSeconds(3), phi.AcceptableHeartbeatPause);
        phi.Validate();
    }

    public static TheoryData<ClusterSettings, string> Invalid() => new()
    {
        { new() { GossipInterval = TimeSpan.Zero }, "akc.cluster.gossip-interval" },
        { new() { HeartbeatInterval = TimeSpan.FromHours(2) }, "akc.cluster.failure-detector.heartbeat-interval" },
        { new() { FailureDetectorThreshold = double.NaN }, "akc.cluster.failure-detector.threshold" },
        { new() { AcceptableHeartbeatPause = TimeSpan.FromSeconds(-1) }, "akc.cluster.failure-detector.acceptable-heartbeat-pause" },
        { new() { MinStdDeviation = TimeSpan.Zero }, "akc.cluster.failure-detector.min-std-deviation" },
        { new() { MaxSampleSize = 0 }, "akc.cluster.failure-detector.max-sample-size" },
        { new() { MonitoredByNrOfMembers = 0 }, "akc.cluster.failure-detector.monitored-by-nr-of-members" },
        { new() { SeedNodes = [new Address("akc", "local")] }, "akc.cluster.seed-nodes" },
        { new() { SeedNodes = [new Address("akc.tcp", "s", "h", 1), new Address("akc.tcp", "s", "h", 1)] }, "akc.cluster.seed-nodes" },
        { new() { Roles = ["has space"] }, "akc.cluster.roles" },
        { new() { MinNrOfMembers = 0 }, "akc.cluster.min-nr-of-members" },
        { new() { RetryUnsuccessfulJoinAfter = TimeSpan.Zero }, "akc.cluster.retry-unsuccessful-join-after" },
        { new() { WeaklyUpAfter = TimeSpan.Zero }, "akc.cluster.weakly-up-after" },
        { new() { LeaderActionsInterval = TimeSpan.Zero }, "akc.cluster.leader-actions-interval" },
        { new() { UnreachableNodesReaperInterval = TimeSpan.Zero }, "akc.cluster.unreachable-nodes-reaper-interval" },
        { new() { PruneGossipTombstonesAfter = TimeSpan.FromDays(31) }, "akc.cluster.prune-gossip-tombstones-after" },
        { new() { SplitBrainResolver = new() { StableAfter = TimeSpan.Zero } }, "akc.cluster.split-brain-resolver.stable-after" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_names_the_key_value_and_constraint(ClusterSettings settings, string key)
    {
        var ex = Assert.Throws<ConfigurationException>(settings.Validate);
        Assert.Equal(key, ex.Key);
        Assert.False(string.IsNullOrEmpty(ex.Constraint));
    }

    [Fact]
    public void Seed_nodes_with_host_and_port_are_accepted()
    {
        (ClusterSettings.Default with { SeedNodes = [Address.Parse("akc.tcp://sys@10.0.0.1:2552"), Address.Parse("akc.tcp://sys@10.0.0.2:2552")], Roles = ["compute"] }).Validate();
    }
}
