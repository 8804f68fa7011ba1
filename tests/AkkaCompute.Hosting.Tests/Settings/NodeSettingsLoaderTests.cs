using AkkaCompute.Hosting.Settings;
using static AkkaCompute.Hosting.Tests.Settings.SettingsFixture;

namespace AkkaCompute.Hosting.Tests.Settings;

public sealed class NodeSettingsLoaderTests : IDisposable
{
    private readonly SettingsFixture _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Without_a_file_environment_or_flags_the_defaults_apply()
    {
        var s = NodeSettingsLoader.Load(null, Env(), null);
        Assert.Equal(new NodeSettings().Scheduler, s.Scheduler);
        Assert.Equal(new NodeSettings().Storage, s.Storage);
    }

    [Fact]
    public void File_then_environment_then_flags_each_win_over_the_layer_before()
    {
        var file = _files.Write("node.conf", """
            akc.executor { max-concurrent = 2, max-retries = 3, default-timeout = 1m }
            akc.cache.ttl = 5m
            """);
        var env = Env(("AKC__EXECUTOR__MAX_CONCURRENT", "4"), ("AKC__EXECUTOR__MAX_RETRIES", "5"), ("AKC__STORAGE__DATA_DIR", "/data"));
        var flags = new Dictionary<string, string> { ["executor.max-concurrent"] = "6", ["akc.scheduler.aging-step"] = "9" };
        var s = NodeSettingsLoader.Load(file, env, flags);
        Assert.Equal(6, s.Executor.MaxConcurrent);              // flag over env over file
        Assert.Equal(5, s.Executor.MaxRetries);                 // env over file
        Assert.Equal(TimeSpan.FromMinutes(1), s.Executor.DefaultTimeout); // file over reference
        Assert.Equal(TimeSpan.FromMinutes(5), s.Cache.Ttl);
        Assert.Equal("/data", s.Storage.DataDirectory);
        Assert.Equal("/data/akc.db", s.Storage.DatabasePath);
        Assert.Equal(9, s.Scheduler.AgingStep);
    }

    [Fact]
    public void Environment_lists_are_hocon_arrays_and_empty_values_are_unset()
    {
        var env = Env(("AKC__EXECUTOR__SHELL__DENY", "[\"curl\", \"wget\"]"), ("AKC__EXECUTOR__MAX_RETRIES", ""));
        var s = NodeSettingsLoader.Load(null, env, null);
        Assert.Equal(["curl", "wget"], s.Executor.ShellDeny);
        Assert.Equal(0, s.Executor.MaxRetries);
    }

    [Fact]
    public void The_file_can_use_environment_substitutions()
    {
        var file = _files.Write("node.conf", "akc.node-name = ${?NODE}");
        Assert.Equal("n7", NodeSettingsLoader.Load(file, Env(("NODE", "n7")), null).NodeName);
    }

    [Fact]
    public void A_bad_file_value_names_the_file_and_line()
    {
        var file = _files.Write("node.conf", "akc {\n  executor {\n\n    max-concurrent = 0\n  }\n}\n");
        var e = Assert.Throws<SettingsException>(() => NodeSettingsLoader.Load(file, Env(), null));
        Assert.Equal($"{file}:4:22: akc.executor.max-concurrent = 0: must be at least 1", e.Message);
    }

    [Fact]
    public void A_bad_environment_value_names_the_variable()
    {
        var e = Assert.Throws<SettingsException>(() => NodeSettingsLoader.Load(null, Env(("AKC__EXECUTOR__MAX_CONCURRENT", "0")), null));
        Assert.Equal("environment variable AKC__EXECUTOR__MAX_CONCURRENT: akc.executor.max-concurrent = 0: must be at least 1", e.Message);
        Assert.Equal(0, e.Line);
        e = Assert.Throws<SettingsException>(() => NodeSettingsLoader.Load(null, Env(("AKC__EXECUTOR__SHELL__DENY", "[unclosed")), null));
        Assert.StartsWith("environment variable AKC__EXECUTOR__SHELL__DENY: akc.executor.shell.deny = [unclosed: must be a HOCON list", e.Message);
    }

    [Fact]
    public void A_bad_or_unknown_flag_names_the_flag()
    {
        var e = Assert.Throws<SettingsException>(() => NodeSettingsLoader.Load(null, Env(), new Dictionary<string, string> { ["cache.ttl"] = "-1s" }));
        Assert.Equal("command-line override 'cache.ttl': akc.cache.ttl = -1s: must be greater than 0", e.Message);
        e = Assert.Throws<SettingsException>(() => NodeSettingsLoader.Load(null, Env(), new Dictionary<string, string> { ["cache.tll"] = "1s" }));
        Assert.Equal("command-line override 'cache.tll': akc.cache.tll = 1s: is not a known setting", e.Message);
    }

    [Fact]
    public void Missing_and_malformed_files_are_settings_errors()
    {
        var missing = Path.Combine(_files.Directory, "nope.conf");
        var e = Assert.Throws<SettingsException>(() => NodeSettingsLoader.Load(missing, Env(), null));
        Assert.StartsWith($"{missing}: cannot read the configuration file: HOCON file not found", e.Message);
        var bad = _files.Write("bad.conf", "akc {\n  executor = [\n");
        e = Assert.Throws<SettingsException>(() => NodeSettingsLoader.Load(bad, Env(), null));
        Assert.Equal((bad, 3), (e.File, e.Line));
        Assert.StartsWith($"{bad}:3:", e.Message);
    }

    [Fact]
    public void The_management_token_and_log_settings_default_to_none_and_1000_and_an_empty_flag_clears_a_value()
    {
        var defaults = NodeSettingsLoader.Load(null, Env(), null).Management;
        Assert.Equal(("", "", 1000, 9110), (defaults.TokenFile, defaults.TokenEnv, defaults.LogLines, defaults.Port));

        var flags = new Dictionary<string, string> { ["management.token-env"] = "", ["management.token-file"] = "/etc/akc/token", ["management.log-lines"] = "5" };
        var set = NodeSettingsLoader.Load(null, Env(), flags).Management;
        Assert.Equal(("/etc/akc/token", "", 5), (set.TokenFile, set.TokenEnv, set.LogLines));

        var e = Assert.Throws<SettingsException>(() => NodeSettingsLoader.Load(null, Env(), new Dictionary<string, string> { ["management.token-env"] = "NOT A NAME" }));
        Assert.Contains("akc.management.token-env", e.Message);
        e = Assert.Throws<SettingsException>(() => NodeSettingsLoader.Load(null, Env(), new Dictionary<string, string> { ["management.log-lines"] = "0" }));
        Assert.Contains("akc.management.log-lines = 0: must be at least 1", e.Message);
    }

    [Fact]
    public void The_idle_memory_trim_defaults_to_30_s_and_can_be_set_or_switched_off()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), NodeSettingsLoader.Load(null, Env(), null).Management.IdleMemoryTrim);
        Assert.Equal(TimeSpan.FromMinutes(2), Load("2m").IdleMemoryTrim);
        Assert.Null(Load("off").IdleMemoryTrim);

        var e = Assert.Throws<SettingsException>(() => Load("0s"));
        Assert.Contains("akc.management.idle-memory-trim = 0s: must be greater than 0", e.Message);
        e = Assert.Throws<SettingsException>(() => Load("sometimes"));
        Assert.Contains("akc.management.idle-memory-trim", e.Message);
        Assert.Contains("must be a duration", e.Message);

        static ClusterManagementSettings Load(string value) =>
            NodeSettingsLoader.Load(null, Env(), new Dictionary<string, string> { ["management.idle-memory-trim"] = value }).Management;
    }

    [Fact]
    public void The_burst_end_collection_defaults_to_32_MiB_and_can_be_set_or_switched_off()
    {
        Assert.Equal(32L << 20, NodeSettingsLoader.Load(null, Env(), null).Management.BurstEndCollectionBytes);
        Assert.Equal(8L << 20, Load("8MiB").BurstEndCollectionBytes);
        Assert.Null(Load("off").BurstEndCollectionBytes);

        var e = Assert.Throws<SettingsException>(() => Load("512KiB"));
        Assert.Contains("akc.management.burst-end-collection = 512KiB: must be at least 1MiB", e.Message);
        e = Assert.Throws<SettingsException>(() => Load("lots"));
        Assert.Contains("akc.management.burst-end-collection", e.Message);
        Assert.Contains("must be a size", e.Message);

        static ClusterManagementSettings Load(string value) =>
            NodeSettingsLoader.Load(null, Env(), new Dictionary<string, string> { ["management.burst-end-collection"] = value }).Management;
    }
}
