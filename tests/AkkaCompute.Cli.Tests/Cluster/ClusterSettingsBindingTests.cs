using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Akka.Remote;
using AkkaCompute.Hosting.Settings;

namespace AkkaCompute.Cli.Tests.Cluster;

/// <summary>
/// The node's Akka settings as <c>akc node</c> loads them: hocon/akka.conf, a file holding both <c>akka { }</c> and <c>akc { }</c>,
/// <c>--set akka.*</c>, the friendly flags, and hocon/lan.conf's promise checked with Akka's own failure detector.
/// </summary>
public sealed class ClusterSettingsBindingTests : IDisposable
{
    private readonly CliHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public void The_defaults_make_a_cluster_member_on_loopback_with_keep_majority()
    {
        var a = Load(null).Akka;
        Assert.Equal("cluster", a.GetString("akka.actor.provider"));
        Assert.Equal(("127.0.0.1", 2552), (a.GetString("akka.remote.dot-netty.tcp.hostname"), a.GetInt("akka.remote.dot-netty.tcp.port")));
        Assert.Equal("keep-majority", a.GetString("akka.cluster.split-brain-resolver.active-strategy"));
        Assert.Contains("SplitBrainResolverProvider", a.GetString("akka.cluster.downing-provider-class"));
        Assert.False(a.GetBoolean("akka.remote.dot-netty.tcp.enable-ssl"));
        Assert.Empty(a.GetStringList("akka.cluster.seed-nodes"));
    }

    [Fact]
    public void One_file_holds_akka_and_akc_and_both_kinds_of_set_override_it()
    {
        var file = _h.Write("node.conf", """
            akka {
              remote.dot-netty.tcp { hostname = "10.0.0.5", port = 2600 }
              cluster {
                seed-nodes = ["akka.tcp://compute-1@10.0.0.5:2600", "akka.tcp://compute-1@10.0.0.6:2600"]
                roles = [compute, frontend]
                split-brain-resolver { active-strategy = static-quorum, static-quorum.quorum-size = 3 }
              }
            }
            akc { system-name = compute-1, management.port = 9000 }
            """);
        var s = NodeSettingsLoader.Load(file, _ => null, new Dictionary<string, string>
        {
            ["akka.remote.dot-netty.tcp.port"] = "2601",
            ["management.port"] = "9001",
        });

        Assert.Equal(("compute-1", 9001), (s.SystemName, s.Management.Port));
        Assert.Equal(("10.0.0.5", 2601), (s.Akka.GetString("akka.remote.dot-netty.tcp.hostname"), s.Akka.GetInt("akka.remote.dot-netty.tcp.port")));
        Assert.Equal(["akka.tcp://compute-1@10.0.0.5:2600", "akka.tcp://compute-1@10.0.0.6:2600"], s.Akka.GetStringList("akka.cluster.seed-nodes"));
        Assert.Equal(["compute", "frontend"], s.Akka.GetStringList("akka.cluster.roles"));
        Assert.Equal(("static-quorum", 3), (s.Akka.GetString("akka.cluster.split-brain-resolver.active-strategy"), s.Akka.GetInt("akka.cluster.split-brain-resolver.static-quorum.quorum-size")));
    }

    [Fact]
    public void A_file_including_the_lan_profile_gets_its_akka_keys()
    {
        File.Copy(Path.Combine(CliHarness.RepoRoot, "hocon", "lan.conf"), Path.Combine(_h.Root, "lan.conf"));
        var file = _h.Write("my-node.conf", "include \"lan.conf\"\nakka.cluster.roles = [compute]\n");
        var a = NodeSettingsLoader.Load(file, _ => null, null).Akka;
        Assert.Equal(TimeSpan.FromMilliseconds(500), a.GetTimeSpan("akka.cluster.failure-detector.heartbeat-interval"));
        Assert.Equal(["compute"], a.GetStringList("akka.cluster.roles"));
    }

    [Fact]
    public async Task The_flags_are_akka_keys_and_a_bad_seed_from_a_flag_names_the_flag()
    {
        var (code, _, err) = await _h.RunAsync("node", "--port", "0", "--seed", "akka.tcp://other@127.0.0.1:2551", "--log-level", "none");
        Assert.Equal(2, code);
        Assert.Contains("command-line override 'akka.cluster.seed-nodes': akka.cluster.seed-nodes[0] = akka.tcp://other@127.0.0.1:2551", err);
        Assert.Contains("names the actor system 'other', but this node's is 'akc' (akc.system-name); nodes of another cluster cannot join", err);
    }

    [Fact]
    public void A_seed_node_that_is_no_address_names_file_line_index_and_form()
    {
        var e = Assert.Throws<SettingsException>(() => Load("""
            akka.cluster.seed-nodes = [
              "akka.tcp://akc@10.0.0.1:2552",
              "10.0.0.2:2552"
            ]
            """));
        Assert.Equal(1, e.Line);
        Assert.Equal("akka.cluster.seed-nodes[1]", e.Key);
        Assert.Contains("must be a node address such as akka.tcp://akc@10.0.0.1:2552", e.Message);
    }

    [Theory]
    [InlineData("""akka.cluster.seed-nodes = ["akka.tcp://akc@h:1", "akka.tcp://akc@h:1"]""", "akka.cluster.seed-nodes[1]", "listed twice")]
    [InlineData("""akka.cluster.seed-nodes = ["akc.tcp://akc@h:1"]""", "akka.cluster.seed-nodes[0]", "must use the scheme akka.tcp")]
    [InlineData("akka.cluster.split-brain-resolver.active-strategy = static-quorum", "akka.cluster.split-brain-resolver.static-quorum.quorum-size", "must be set (1 to 100,000) when active-strategy is static-quorum")]
    [InlineData("akka.cluster.split-brain-resolver.active-strategy = keep-majorty", "akka.cluster.split-brain-resolver.active-strategy", "must be one of keep-majority, static-quorum, keep-oldest, down-all")]
    [InlineData("akka.remote.dot-netty.tcp.port = 70000", "akka.remote.dot-netty.tcp.port", "must be a whole number from 0 to 65,535")]
    [InlineData("akka.cluster.gossip-interval = 0s", "akka.cluster.gossip-interval", "must be greater than 0")]
    [InlineData("akka.cluster.failure-detector.heartbeat-interval = soon", "akka.cluster.failure-detector.heartbeat-interval", "must be a duration")]
    [InlineData("akka.cluster.roles = [\"has space\"]", "akka.cluster.roles", "each role must be 1 to 200 characters without whitespace")]
    [InlineData("akka.actor.provider = local", "akka.actor.provider", "must be cluster")]
    [InlineData("akka.remote.dot-netty.tcp.enable-ssl = on", "akka.remote.dot-netty.tcp.ssl.certificate.path", "there is no default certificate")]
    [InlineData("akka.remote.dot-netty.tcp { enable-ssl = on, ssl.certificate.path = /nope/node.pfx }", "akka.remote.dot-netty.tcp.ssl.certificate.path", "the file does not exist")]
    public void Bad_akka_values_name_file_line_key_and_constraint(string hocon, string key, string constraint)
    {
        var e = Assert.Throws<SettingsException>(() => Load(hocon));
        Assert.Equal(key, e.Key);
        Assert.Contains(constraint, e.Message);
        Assert.Equal(1, e.Line);
        Assert.StartsWith(Path.Combine(_h.Root, "node.conf") + ":1:", e.Message);
    }

    [Fact]
    public void Tls_takes_a_pkcs12_certificate_with_its_key_from_a_file_and_refuses_a_wrong_password()
    {
        var pfx = Path.Combine(_h.Root, "node.pfx");
        using (var key = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=akc-node", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            File.WriteAllBytes(pfx, cert.Export(X509ContentType.Pkcs12, "right"));
        }

        var ok = Load($$"""akka.remote.dot-netty.tcp { enable-ssl = on, ssl.certificate { path = "{{pfx}}", password = right } }""");
        Assert.True(ok.Akka.GetBoolean("akka.remote.dot-netty.tcp.enable-ssl"));

        var e = Assert.Throws<SettingsException>(() => Load($$"""akka.remote.dot-netty.tcp { enable-ssl = on, ssl.certificate { path = "{{pfx}}", password = wrong } }"""));
        Assert.Contains("cannot be read as PKCS#12", e.Message);
        Assert.DoesNotContain("wrong", e.Message.Replace(e.Key!, "", StringComparison.Ordinal).Split(':')[0]);

        var seed = Assert.Throws<SettingsException>(() => Load($$"""
            akka.remote.dot-netty.tcp { enable-ssl = on, ssl.certificate { path = "{{pfx}}", password = right } }
            akka.cluster.seed-nodes = ["akka.tcp://akc@10.0.0.1:2552"]
            """));
        Assert.Contains("must use the scheme akka.ssl.tcp (enable-ssl is on)", seed.Message);
    }

    [Fact]
    public void The_lan_profile_detects_downs_and_removes_a_dead_node_within_5_seconds_by_its_own_arithmetic()
    {
        var a = NodeSettingsLoader.Load(Path.Combine(CliHarness.RepoRoot, "hocon", "lan.conf"), _ => null, null).Akka;
        TimeSpan T(string key) => a.GetTimeSpan("akka.cluster." + key);
        var heartbeat = T("failure-detector.heartbeat-interval");
        Assert.Equal((TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), 8.0, TimeSpan.FromMilliseconds(100)),
            (heartbeat, T("failure-detector.acceptable-heartbeat-pause"), a.GetDouble("akka.cluster.failure-detector.threshold"), T("failure-detector.min-std-deviation")));
        Assert.Equal("keep-majority", a.GetString("akka.cluster.split-brain-resolver.active-strategy"));

        // Akka's own phi-accrual detector, fed steady heartbeats every 500 ms for a minute, then silence: when does it give up?
        long now = 0;
        var detector = new PhiAccrualFailureDetector(8.0, 1000, T("failure-detector.min-std-deviation"), T("failure-detector.acceptable-heartbeat-pause"), heartbeat, () => now);
        for (var i = 0; i < 120; i++, now += 500)
        {
            detector.HeartBeat();
        }

        var last = now - 500;
        now = last;
        while (detector.IsAvailable)
        {
            now += 10;
        }

        // As hocon/lan.conf explains: detect, record, stay stable, down (the resolver's tick, 1 s at most), then converge on the
        // Down, remove (leader tick) and spread the removal (gossip rounds).
        var detection = TimeSpan.FromMilliseconds(now - last);
        var stable = T("split-brain-resolver.stable-after");
        var downed = detection + T("unreachable-nodes-reaper-interval") + stable + TimeSpan.FromSeconds(1);
        var removed = downed + (3 * T("gossip-interval")) + T("leader-actions-interval") + (2 * T("gossip-interval"));
        Assert.InRange(detection, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(2.1));
        Assert.True(removed <= TimeSpan.FromSeconds(5), $"lan profile: detected {detection}, downed {downed}, removed {removed}");
    }

    private NodeSettings Load(string? hocon) =>
        NodeSettingsLoader.Load(hocon is null ? null : _h.Write("node.conf", hocon), _ => null, null);
}
