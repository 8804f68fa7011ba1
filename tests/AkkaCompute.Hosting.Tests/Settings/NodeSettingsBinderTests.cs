using AkkaCompute.Hosting.Settings;
using static AkkaCompute.Hosting.Tests.Settings.SettingsFixture;

namespace AkkaCompute.Hosting.Tests.Settings;

public class NodeSettingsBinderTests
{
    [Fact]
    public void Every_setting_binds_from_hocon()
    {
        var s = Bind("""
            akc {
              node-name = n1
              executor {
                max-concurrent = 3, default-timeout = 90s, max-retries = 4, backoff-base = 1s, backoff-max = 1m
                timeout-grace = 250ms, max-abandoned = 0
                shell { output-limit = 4MiB, deny = ["curl", "wget"], allow = ["^echo "], kill-grace = 0 }
                functions.assemblies = ["plugins/My.dll"]
              }
              scheduler { aging-interval = 5s, aging-step = 10, max-queued = 100 }
              cache { enabled = off, ttl = 2h, max-entries = 5 }
              quota { window = 10s, max-tasks-per-window = 1000, max-memory-keys = 50, max-storage-bytes = 10GiB }
              storage { data-dir = /var/lib/akc, batch-size = 64, group-commit-delay = 0 }
            }
            other.keys.are = ignored
            """);
        Assert.Equal("n1", s.NodeName);
        Assert.Equal((3, TimeSpan.FromSeconds(90), 4, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1)),
            (s.Executor.MaxConcurrent, s.Executor.DefaultTimeout, s.Executor.MaxRetries, s.Executor.BackoffBase, s.Executor.BackoffMax));
        Assert.Equal((TimeSpan.FromMilliseconds(250), 0), (s.Executor.TimeoutGrace, s.Executor.MaxAbandoned));
        Assert.Equal(4L * 1024 * 1024, s.Executor.ShellOutputLimitBytes);
        Assert.Equal(["curl", "wget"], s.Executor.ShellDeny);
        Assert.Equal(["^echo "], s.Executor.ShellAllow);
        Assert.Equal(TimeSpan.Zero, s.Executor.ShellKillGrace);
        Assert.Equal(["plugins/My.dll"], s.Executor.FunctionAssemblies);
        Assert.Equal(new SchedulerSettings { AgingInterval = TimeSpan.FromSeconds(5), AgingStep = 10, MaxQueued = 100 }, s.Scheduler);
        Assert.Equal(new CacheSettings { Enabled = false, Ttl = TimeSpan.FromHours(2), MaxEntries = 5 }, s.Cache);
        Assert.Equal(new QuotaSettings { Window = TimeSpan.FromSeconds(10), MaxTasksPerWindow = 1000, MaxMemoryKeys = 50, MaxStorageBytes = 10L << 30 }, s.Quota);
        Assert.Equal(new StorageSettings { DataDirectory = "/var/lib/akc", DatabasePath = "/var/lib/akc/akc.db", BatchSize = 64, GroupCommitDelay = TimeSpan.Zero }, s.Storage);
    }

    [Fact]
    public void The_group_commit_delay_defaults_to_10_ms()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(10), Bind("akc.storage.data-dir = d").Storage.GroupCommitDelay);
    }

    [Fact]
    public void An_explicit_database_path_wins_over_the_data_directory()
    {
        Assert.Equal("/tmp/x.db", Bind("akc.storage { data-dir = d, db = /tmp/x.db }").Storage.DatabasePath);
    }

    [Fact]
    public void Auto_concurrency_is_the_number_of_cores()
    {
        Assert.Equal(Math.Min(Environment.ProcessorCount, 1024), Bind("akc.executor.max-concurrent = auto").Executor.MaxConcurrent);
    }

    [Fact]
    public void A_null_node_name_is_the_host_name()
    {
        Assert.Equal(Environment.MachineName, Bind("akc.node-name = null").NodeName);
    }

    [Fact]
    public void The_message_names_file_line_column_key_value_and_constraint()
    {
        var e = BindError("# node settings\nakc {\n  executor {\n    max-concurrent = 0\n  }\n}\n");
        Assert.Equal("node.conf:4:22: akc.executor.max-concurrent = 0: must be at least 1", e.Message);
        Assert.Equal(("node.conf", 4, 22), (e.File, e.Line, e.Column));
        Assert.Equal(("akc.executor.max-concurrent", "0", "must be at least 1"), (e.Key, e.Value, e.Constraint));
    }

    [Theory]
    [InlineData("akc.executor.max-concurrent = 1025", "akc.executor.max-concurrent = 1025: must be at most 1,024")]
    [InlineData("akc.executor.max-concurrent = many", "akc.executor.max-concurrent = many: must be a whole number")]
    [InlineData("akc.executor.default-timeout = 0s", "akc.executor.default-timeout = 0s: must be greater than 0")]
    [InlineData("akc.executor.default-timeout = 8d", "akc.executor.default-timeout = 8d: must be at most 7d")]
    [InlineData("akc.executor.default-timeout = soon", "akc.executor.default-timeout = soon: must be a duration such as 500ms, 30s or 10m")]
    [InlineData("akc.executor.timeout-grace = 0s", "akc.executor.timeout-grace = 0s: must be greater than 0")]
    [InlineData("akc.executor.timeout-grace = 2m", "akc.executor.timeout-grace = 2m: must be at most 1m")]
    [InlineData("akc.executor.max-abandoned = -1", "akc.executor.max-abandoned = -1: must be at least 0")]
    [InlineData("akc.executor.max-abandoned = 1025", "akc.executor.max-abandoned = 1025: must be at most 1,024")]
    [InlineData("akc.executor.max-retries = -1", "akc.executor.max-retries = -1: must be at least 0")]
    [InlineData("akc.executor.max-retries = 101", "akc.executor.max-retries = 101: must be at most 100")]
    [InlineData("akc.executor { backoff-base = 2s, backoff-max = 1s }", "akc.executor.backoff-max = 1s: must be at least akc.executor.backoff-base (2s)")]
    [InlineData("akc.executor.shell.output-limit = 512B", "akc.executor.shell.output-limit = 512B: must be at least 1KiB")]
    [InlineData("akc.executor.shell.output-limit = 65MiB", "akc.executor.shell.output-limit = 65MiB: must be at most 64MiB")]
    [InlineData("akc.executor.shell.output-limit = lots", "akc.executor.shell.output-limit = lots: must be a size such as 512KiB or 4MiB")]
    [InlineData("akc.executor.shell.deny = curl", "akc.executor.shell.deny = curl: must be a list such as [\"a\", \"b\"]")]
    [InlineData("akc.executor.shell.kill-grace = 2m", "akc.executor.shell.kill-grace = 2m: must be at most 1m")]
    [InlineData("akc.scheduler.aging-interval = 0", "akc.scheduler.aging-interval = 0: must be greater than 0")]
    [InlineData("akc.scheduler.aging-step = -1", "akc.scheduler.aging-step = -1: must be at least 0")]
    [InlineData("akc.scheduler.max-queued = 0", "akc.scheduler.max-queued = 0: must be at least 1")]
    [InlineData("akc.cache.enabled = maybe", "akc.cache.enabled = maybe: must be true or false (or yes/no, on/off)")]
    [InlineData("akc.cache.max-entries = 0", "akc.cache.max-entries = 0: must be at least 1")]
    [InlineData("akc.quota.max-tasks-per-window = -5", "akc.quota.max-tasks-per-window = -5: must be at least 0")]
    [InlineData("akc.quota.max-storage-bytes = -1", "akc.quota.max-storage-bytes = -1: must be at least 0")]
    [InlineData("akc.storage.data-dir = \"  \"", "akc.storage.data-dir =   : must be a non-empty path")]
    [InlineData("akc.storage.batch-size = 100001", "akc.storage.batch-size = 100001: must be at most 100,000")]
    [InlineData("akc.storage.group-commit-delay = 2s", "akc.storage.group-commit-delay = 2s: must be at most 1s")]
    [InlineData("akc.storage.group-commit-delay = -1ms", "akc.storage.group-commit-delay = -1ms: must not be negative")]
    [InlineData("akc.node-name = \"a b\"", "akc.node-name = a b: must be 1 to 200 characters without whitespace or control characters, or null for the host name")]
    public void Each_constraint_is_enforced_with_a_clear_message(string hocon, string expected)
    {
        var e = BindError(hocon, "n.conf");
        Assert.StartsWith("n.conf:1:", e.Message);
        Assert.EndsWith(expected, e.Message);
    }

    [Fact]
    public void List_entries_are_checked_one_by_one()
    {
        var e = BindError("akc.executor.shell.allow = [\"ok\", \"(unclosed\"]");
        Assert.StartsWith("node.conf:1:35: akc.executor.shell.allow[1] = (unclosed: must be a valid .NET regular expression", e.Message);
        e = BindError("akc.executor.functions.assemblies = [\"a.dll\", {x = 1}]");
        Assert.Equal("node.conf:1:47: akc.executor.functions.assemblies[1] = {...}: must be a string", e.Message);
    }

    [Fact]
    public void An_unknown_key_is_an_error_with_a_suggestion()
    {
        var e = BindError("akc {\n  executor.max-concurent = 4\n}");
        Assert.Equal("node.conf:2:28: akc.executor.max-concurent = 4: is not a known setting (did you mean 'akc.executor.max-concurrent'?)", e.Message);
        e = BindError("akc.executor.shell = 5");
        Assert.Equal("node.conf:1:22: akc.executor.shell = 5: must be an object (it is a section of settings)", e.Message);
        e = BindError("akc.zzz = 1");
        Assert.Equal("node.conf:1:11: akc.zzz = 1: is not a known setting", e.Message);
    }
}
