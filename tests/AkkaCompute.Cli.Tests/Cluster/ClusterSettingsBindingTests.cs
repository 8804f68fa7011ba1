using System.Security.Authentication;
using AkkaCompute.Actors;
using AkkaCompute.Cluster;
using AkkaCompute.Cluster.Protocol;
using AkkaCompute.Cluster.Sbr;
using AkkaCompute.Hosting.Settings;
using AkkaCompute.Remote;

namespace AkkaCompute.Cli.Tests.Cluster;

/// <summary>akc.remote, akc.cluster, akc.management and akc.system-name bound from HOCON with the node's settings loader.</summary>
public sealed class ClusterSettingsBindingTests : IDisposable
{
    private readonly CliHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public void The_reference_alone_gives_the_record_defaults()
    {
        var s = Load(null);
        Assert.Equal("akc", s.SystemName);
        Assert.Equal(new RemoteSettings(), s.Remote);
        var d = ClusterSettings.Default;
        Assert.Empty(s.Cluster.SeedNodes);
        Assert.Empty(s.Cluster.Roles);
        Assert.Equal(d with { SeedNodes = s.Cluster.SeedNodes, Roles = s.Cluster.Roles }, s.Cluster);
        Assert.Equal(new ClusterManagementSettings(), s.Management);
        Assert.Equal(ClusterCoreOptions.Default, s.ClusterCore);
    }

    [Fact]
    public void Every_cluster_remote_and_management_key_binds()
    {
        var s = Load("""
            akc {
              system-name = compute-1
              remote {
                hostname = "10.0.0.5", port = 2600, cluster-id = prod, handshake-timeout = 3s, max-pending-handshakes = 100
                transport { maximum-frame-size = 8MiB, send-queue-size = 500, system-queue-size = 50, batch-size = 128KiB, connection-timeout = 2s }
                reconnect { backoff-min = 50ms, backoff-max = 2s }
                watch { heartbeat-interval = 250ms, failure-detector { threshold = 10, max-sample-size = 200, min-std-deviation = 20ms, acceptable-heartbeat-pause = 700ms } }
                security.mode = psk
                psk { key = "0123456789abcdef0123456789abcdef-text", allowed-node-ids = ["akc.tcp://compute-1@10.0.0.6:2600"] }
              }
              cluster {
                seed-nodes = ["akc.tcp://compute-1@10.0.0.5:2600", "akc.tcp://compute-1@10.0.0.6:2600"]
                roles = [compute, frontend]
                min-nr-of-members = 2, retry-unsuccessful-join-after = 3s, gossip-interval = 300ms, leader-actions-interval = 400ms
                unreachable-nodes-reaper-interval = 500ms, allow-weakly-up-members = off, weakly-up-after = 4s, prune-gossip-tombstones-after = 1h
                seed-node-timeout = 1500ms, gossip-different-view-probability = 0.5, reduce-gossip-different-view-probability = 50
                failure-detector { heartbeat-interval = 600ms, threshold = 9.5, acceptable-heartbeat-pause = 2s, min-std-deviation = 50ms, max-sample-size = 77, monitored-by-nr-of-members = 4, expected-response-after = 3s }
                split-brain-resolver {
                  active-strategy = static-quorum, stable-after = 7s, down-all-when-unstable = off
                  static-quorum { quorum-size = 3, role = compute }
                  keep-majority.role = frontend
                  keep-oldest { role = compute, down-if-alone = off }
                }
              }
              management { enabled = off, hostname = "::1", port = 9000 }
            }
            """);
        Assert.Equal("compute-1", s.SystemName);
        var r = s.Remote;
        Assert.Equal(("10.0.0.5", 2600, "prod", TimeSpan.FromSeconds(3), 100), (r.Hostname, r.Port, r.ClusterId, r.HandshakeTimeout, r.MaxPendingHandshakes));
        Assert.Equal((8 << 20, 500, 50, 128 << 10, TimeSpan.FromSeconds(2)), (r.MaximumFrameSizeBytes, r.SendQueueSize, r.SystemQueueSize, r.BatchSizeBytes, r.ConnectionTimeout));
        Assert.Equal((TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(250)), (r.ReconnectBackoffMin, r.ReconnectBackoffMax, r.WatchHeartbeatInterval));
        Assert.Equal((10.0, 200, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(700), TimeSpan.FromMilliseconds(250)),
            (r.WatchFailureDetector.Threshold, r.WatchFailureDetector.MaxSampleSize, r.WatchFailureDetector.MinStdDeviation, r.WatchFailureDetector.AcceptableHeartbeatPause, r.WatchFailureDetector.FirstHeartbeatEstimate));
        Assert.Equal(RemoteSecurityMode.Psk, r.SecurityMode);
        Assert.Equal(["akc.tcp://compute-1@10.0.0.6:2600"], r.Psk!.AllowedNodeIds);
        Assert.Null(r.Tls);

        var c = s.Cluster;
        Assert.Equal([Address.Parse("akc.tcp://compute-1@10.0.0.5:2600"), Address.Parse("akc.tcp://compute-1@10.0.0.6:2600")], c.SeedNodes.ToArray());
        Assert.Equal(["compute", "frontend"], c.Roles.ToArray());
        Assert.Equal((2, TimeSpan.FromSeconds(3), TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(500)),
            (c.MinNrOfMembers, c.RetryUnsuccessfulJoinAfter, c.GossipInterval, c.LeaderActionsInterval, c.UnreachableNodesReaperInterval));
        Assert.Equal((false, TimeSpan.FromSeconds(4), TimeSpan.FromHours(1)), (c.AllowWeaklyUpMembers, c.WeaklyUpAfter, c.PruneGossipTombstonesAfter));
        Assert.Equal((TimeSpan.FromMilliseconds(600), 9.5, TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(50), 77, 4),
            (c.HeartbeatInterval, c.FailureDetectorThreshold, c.AcceptableHeartbeatPause, c.MinStdDeviation, c.MaxSampleSize, c.MonitoredByNrOfMembers));
        Assert.Equal(new SplitBrainResolverSettings
        {
            ActiveStrategy = "static-quorum",
            StableAfter = TimeSpan.FromSeconds(7),
            DownAllWhenUnstable = TimeSpan.Zero,
            StaticQuorumSize = 3,
            StaticQuorumRole = "compute",
            KeepMajorityRole = "frontend",
            KeepOldestRole = "compute",
            KeepOldestDownIfAlone = false,
        }, c.SplitBrainResolver);
        Assert.Equal(new ClusterManagementSettings { Enabled = false, Hostname = "::1", Port = 9000 }, s.Management);
        Assert.Equal(ClusterCoreOptions.Default with
        {
            SeedNodeTimeout = TimeSpan.FromMilliseconds(1500),
            ExpectedResponseAfter = TimeSpan.FromSeconds(3),
            GossipDifferentViewProbability = 0.5,
            ReduceGossipDifferentViewProbability = 50,
        }, s.ClusterCore);
    }

    [Theory]
    [InlineData("on", null)]
    [InlineData("off", 0)]
    [InlineData("12s", 12_000)]
    public void Down_all_when_unstable_is_on_off_or_a_duration(string text, int? ms)
    {
        var s = Load($"akc.cluster.split-brain-resolver.down-all-when-unstable = {text}");
        Assert.Equal(ms is null ? null : TimeSpan.FromMilliseconds(ms.Value), s.Cluster.SplitBrainResolver.DownAllWhenUnstable);
    }

    [Fact]
    public void Tls_settings_bind_when_the_mode_is_tls()
    {
        var cert = _h.Write("node.pem", "x");
        var ca = _h.Write("ca.pem", "x");
        var s = Load($$"""
            akc.remote.security.mode = tls
            akc.remote.tls { certificate-path = "{{cert}}", ca-certificate-path = "{{ca}}", key-password = secret, protocols = [Tls13], require-mutual-authentication = off, handshake-timeout = 2s }
            """);
        var tls = s.Remote.Tls!;
        Assert.Equal((cert, ca, "secret", SslProtocols.Tls13, false, TimeSpan.FromSeconds(2)),
            (tls.CertificatePath, tls.CaCertificatePath, tls.KeyPassword, tls.Protocols, tls.RequireMutualAuthentication, tls.HandshakeTimeout));
    }

    [Fact]
    public void The_lan_profile_detects_downs_and_removes_a_dead_node_within_5_seconds_by_its_own_arithmetic()
    {
        var s = NodeSettingsLoader.Load(Path.Combine(CliHarness.RepoRoot, "hocon", "lan.conf"), _ => null, null);
        var c = s.Cluster;
        Assert.Equal((TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), 8.0, TimeSpan.FromMilliseconds(100)),
            (c.HeartbeatInterval, c.AcceptableHeartbeatPause, c.FailureDetectorThreshold, c.MinStdDeviation));
        Assert.Equal("keep-majority", c.SplitBrainResolver.ActiveStrategy);

        // Steady heartbeats every 500 ms for a minute, then silence: when does the detector give up?
        var detector = new AkkaCompute.Remote.FailureDetection.PhiAccrualFailureDetector(c.ToPhiAccrualSettings(), TimeProvider.System);
        long now = 0;
        for (var i = 0; i < 120; i++, now += 500)
        {
            detector.Heartbeat(now);
        }

        var last = now - 500;
        var detectedAt = last;
        while (detector.IsAvailable(detectedAt))
        {
            detectedAt += 10;
        }

        // As hocon/lan.conf explains: detect, record and spread, stay stable, down, then remove and spread the removal.
        var detection = TimeSpan.FromMilliseconds(detectedAt - last);
        var spread = c.UnreachableNodesReaperInterval + (2 * c.GossipInterval);
        var sbrTick = TimeSpan.FromSeconds(1); // worst case: the resolver looks at least once a second
        var downed = detection + spread + c.SplitBrainResolver.StableAfter + sbrTick;
        var removed = downed + c.LeaderActionsInterval + (2 * c.GossipInterval);
        Assert.InRange(detection, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(2.1));
        Assert.True(removed <= TimeSpan.FromSeconds(5), $"lan profile: detected {detection}, downed {downed}, removed {removed}");
    }

    [Fact]
    public void A_seed_node_that_is_no_address_names_file_line_index_and_form()
    {
        var e = Assert.Throws<SettingsException>(() => Load("""
            akc.cluster.seed-nodes = [
              "akc.tcp://akc@10.0.0.1:2552",
              "10.0.0.2:2552"
            ]
            """));
        Assert.Equal(3, e.Line);
        Assert.Equal("akc.cluster.seed-nodes[1]", e.Key);
        Assert.Contains("must be a node address such as akc.tcp://akc@10.0.0.1:2552", e.Message);
    }

    [Fact]
    public void A_repeated_seed_node_is_refused()
    {
        var e = Assert.Throws<SettingsException>(() => Load("""akc.cluster.seed-nodes = ["akc.tcp://a@h:1", "akc.tcp://a@h:1"]"""));
        Assert.Contains("listed twice", e.Message);
    }

    [Fact]
    public void Static_quorum_without_a_quorum_size_is_refused()
    {
        var e = Assert.Throws<SettingsException>(() => Load("akc.cluster.split-brain-resolver.active-strategy = static-quorum"));
        Assert.Equal("akc.cluster.split-brain-resolver.static-quorum.quorum-size", e.Key);
    }

    [Fact]
    public void An_unknown_strategy_lists_the_known_ones()
    {
        var e = Assert.Throws<SettingsException>(() => Load("akc.cluster.split-brain-resolver.active-strategy = keep-majorty"));
        Assert.Contains("must be one of keep-majority, static-quorum, keep-oldest, down-all", e.Message);
        Assert.Equal(1, e.Line);
    }

    [Fact]
    public void Psk_mode_without_a_key_refuses_to_start()
    {
        var e = Assert.Throws<SettingsException>(() => Load("akc.remote.security.mode = psk"));
        Assert.Equal("akc.remote.psk.key", e.Key);
        Assert.Contains("PSK mode needs a key; there is no default", e.Message);
    }

    [Fact]
    public void A_short_psk_key_is_refused_without_showing_it()
    {
        var e = Assert.Throws<SettingsException>(() => Load("akc.remote { security.mode = psk, psk.key = tooshortsecret }"));
        Assert.Equal("akc.remote.psk.key", e.Key);
        Assert.DoesNotContain("tooshortsecret", e.Message);
        Assert.Contains("14 characters", e.Message);
        Assert.Equal(1, e.Line);
    }

    [Fact]
    public void Tls_mode_with_a_missing_certificate_names_the_key_and_the_path()
    {
        var e = Assert.Throws<SettingsException>(() => Load("akc.remote { security.mode = tls, tls { certificate-path = /nope/node.pem, ca-certificate-path = /nope/ca.pem } }"));
        Assert.Equal("akc.remote.tls.certificate-path", e.Key);
        Assert.Contains("the file does not exist", e.Message);
    }

    [Theory]
    [InlineData("akc.remote.port = 70000", "akc.remote.port", "must be at most 65,535")]
    [InlineData("akc.remote.security.mode = ssh", "akc.remote.security.mode", "must be none, tls or psk")]
    [InlineData("akc.remote.reconnect { backoff-min = 2s, backoff-max = 1s }", "akc.remote.reconnect.backoff-max", "must be at least akc.remote.reconnect.backoff-min (2s)")]
    [InlineData("akc.cluster.gossip-interval = 0", "akc.cluster.gossip-interval", "must be greater than 0")]
    [InlineData("akc.cluster.failure-detector.monitored-by-nr-of-members = 0", "akc.cluster.failure-detector.monitored-by-nr-of-members", "must be at least 1")]
    [InlineData("akc.cluster.roles = [\"has space\"]", "akc.cluster.roles", "each role must be 1 to 200 characters without whitespace")]
    [InlineData("akc.management.port = -1", "akc.management.port", "must be at least 0")]
    [InlineData("akc.system-name = \"no way\"", "akc.system-name", "must be 1 to 100 letters")]
    [InlineData("akc.cluster.seed-node-timeout = 1ms", "akc.cluster.seed-node-timeout", "must be at least 10ms")]
    [InlineData("akc.cluster.gossip-different-view-probability = 1.5", "akc.cluster.gossip-different-view-probability", "must be between 0 and 1")]
    public void Out_of_range_values_name_key_and_constraint(string hocon, string key, string constraint)
    {
        var e = Assert.Throws<SettingsException>(() => Load(hocon));
        Assert.Equal(key, e.Key);
        Assert.Contains(constraint, e.Message);
        Assert.Equal(1, e.Line);
    }

    [Fact]
    public void A_misspelt_cluster_key_is_refused_with_a_suggestion()
    {
        var e = Assert.Throws<SettingsException>(() => Load("akc.cluster.seed-node = []"));
        Assert.Contains("did you mean 'akc.cluster.seed-nodes'?", e.Message);
    }

    [Fact]
    public void Command_line_overrides_set_lists_and_numbers()
    {
        var s = NodeSettingsLoader.Load(null, _ => null, new Dictionary<string, string>
        {
            ["cluster.seed-nodes"] = "[\"akc.tcp://akc@127.0.0.1:2551\"]",
            ["remote.port"] = "0",
        });
        Assert.Equal([Address.Parse("akc.tcp://akc@127.0.0.1:2551")], s.Cluster.SeedNodes.ToArray());
        Assert.Equal(0, s.Remote.Port);
    }

    private NodeSettings Load(string? hocon) =>
        NodeSettingsLoader.Load(hocon is null ? null : _h.Write("node.conf", hocon), _ => null, null);
}
