using AkkaCompute.Hosting.Settings;

namespace AkkaCompute.Hosting.Tests.Settings;

/// <summary>
/// <see cref="AkkaNodeConfig"/>, which replaced the binders of the home-made akc.remote and akc.cluster: Akka's keys read with Akka's
/// HOCON parser over hocon/akka.conf, overridden by <c>akka.*</c> flags, validated with file/line (or flag), key, value and constraint.
/// </summary>
public sealed class AkkaNodeConfigTests : IDisposable
{
    private readonly SettingsFixture _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void The_embedded_defaults_are_the_repository_file_and_valid()
    {
        var repoFile = Path.Combine(AppContext.BaseDirectory, "../../../../../hocon/akka.conf");
        Assert.Equal(File.ReadAllText(repoFile), AkkaNodeConfig.DefaultsText);
        AkkaNodeConfig.Validate(AkkaNodeConfig.Defaults, "akc", _ => null);
        Assert.Equal("cluster", new NodeSettings().Akka.GetString("akka.actor.provider"));
    }

    [Fact]
    public void Akka_reference_values_lie_under_the_defaults()
    {
        var full = AkkaNodeConfig.WithAkkaReference(AkkaNodeConfig.Defaults);
        Assert.Equal(TimeSpan.FromSeconds(1), full.GetTimeSpan("akka.cluster.failure-detector.heartbeat-interval"));
        Assert.Equal("keep-majority", full.GetString("akka.cluster.split-brain-resolver.active-strategy"));
        Assert.Equal(2552, full.GetInt("akka.remote.dot-netty.tcp.port"));
    }

    [Fact]
    public void Overrides_win_over_the_file_in_order_and_scalars_keep_their_text()
    {
        var file = _files.Write("node.conf", "akka.remote.dot-netty.tcp { hostname = \"10.0.0.1\", port = 2600 }\nakc.executor.max-concurrent = 2\n");
        var config = AkkaNodeConfig.Load(file, [
            new("akka.remote.dot-netty.tcp.hostname", "192.168.1.20"),
            new("akka.cluster.seed-nodes", "[\"akka.tcp://akc@192.168.1.20:2600\"]"),
            new("akka.remote.dot-netty.tcp.hostname", "192.168.1.21"),
        ]);
        Assert.Equal("192.168.1.21", config.GetString("akka.remote.dot-netty.tcp.hostname"));
        Assert.Equal(2600, config.GetInt("akka.remote.dot-netty.tcp.port"));
        Assert.Equal(["akka.tcp://akc@192.168.1.20:2600"], config.GetStringList("akka.cluster.seed-nodes"));
    }

    [Fact]
    public void The_loader_routes_akka_keys_to_Akka_and_akc_keys_to_ours()
    {
        var s = NodeSettingsLoader.Load(null, _ => null, new Dictionary<string, string>
        {
            ["akka.remote.dot-netty.tcp.port"] = "0",
            ["management.port"] = "0",
        });
        Assert.Equal(0, s.Akka.GetInt("akka.remote.dot-netty.tcp.port"));
        Assert.Equal(0, s.Management.Port);
    }

    [Fact]
    public void A_bad_akka_flag_names_the_flag_key_value_and_constraint()
    {
        var e = Assert.Throws<SettingsException>(() => NodeSettingsLoader.Load(null, _ => null, new Dictionary<string, string>
        {
            ["akka.cluster.split-brain-resolver.active-strategy"] = "keep-everyone",
        }));
        Assert.Equal("command-line override 'akka.cluster.split-brain-resolver.active-strategy': akka.cluster.split-brain-resolver.active-strategy = keep-everyone: must be one of keep-majority, static-quorum, keep-oldest, down-all", e.Message);
    }

    [Fact]
    public void A_bad_akka_file_value_names_the_file_and_line()
    {
        var file = _files.Write("node.conf", "akc.node-name = n1\nakka {\n  cluster.failure-detector.acceptable-heartbeat-pause = -1s\n}\n");
        var e = Assert.Throws<SettingsException>(() => NodeSettingsLoader.Load(file, _ => null, null));
        Assert.Equal((3, "akka.cluster.failure-detector.acceptable-heartbeat-pause"), (e.Line, e.Key));
        Assert.Contains("acceptable-heartbeat-pause = -1s: must", e.Message);
    }

    [Fact]
    public void Seeds_must_name_this_actor_system()
    {
        var file = _files.Write("node.conf", "akc.system-name = prod\nakka.cluster.seed-nodes = [\"akka.tcp://akc@10.0.0.1:2552\"]\n");
        var e = Assert.Throws<SettingsException>(() => NodeSettingsLoader.Load(file, _ => null, null));
        Assert.Equal("akka.cluster.seed-nodes[0]", e.Key);
        Assert.Contains("names the actor system 'akc', but this node's is 'prod'", e.Message);
    }

    [Fact]
    public void The_home_made_sections_are_gone_and_refused_with_a_suggestion_of_nothing_of_theirs()
    {
        var e = Assert.Throws<SettingsException>(() => SettingsFixture.Bind("akc.remote.port = 2552"));
        Assert.Equal("akc.remote", e.Key);
        Assert.Contains("is not a known setting", e.Message);
        Assert.Throws<SettingsException>(() => SettingsFixture.Bind("akc.cluster.seed-nodes = []"));
    }
}
