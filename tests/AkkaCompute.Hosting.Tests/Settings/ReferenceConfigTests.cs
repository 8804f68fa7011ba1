using AkkaCompute.Hosting.Hocon;
using AkkaCompute.Hosting.Settings;

namespace AkkaCompute.Hosting.Tests.Settings;

public class ReferenceConfigTests
{
    [Fact]
    public void The_embedded_reference_is_the_repository_file()
    {
        var repoFile = Path.Combine(AppContext.BaseDirectory, "../../../../../hocon/reference.conf");
        Assert.True(File.Exists(repoFile), repoFile);
        Assert.Equal(File.ReadAllText(repoFile), ReferenceConfig.Text);
    }

    [Fact]
    public void Every_setting_lives_under_akc()
    {
        Assert.Equal(["akc"], ReferenceConfig.Document.Keys);
        Assert.Contains(HoconPath.Parse("akc.executor.max-concurrent"), ReferenceConfig.SettingPaths);
        Assert.Contains(HoconPath.Parse("akc.executor.shell.deny"), ReferenceConfig.SettingPaths);
        Assert.Contains(HoconPath.Parse("akc.storage.db"), ReferenceConfig.SettingPaths);
        Assert.DoesNotContain(HoconPath.Parse("akc.executor.shell"), ReferenceConfig.SettingPaths);
    }

    [Fact]
    public void Binding_the_reference_alone_gives_the_record_defaults()
    {
        var bound = NodeSettingsBinder.Bind(HoconObject.Empty(new HoconOrigin("empty", 1, 1)));
        var defaults = new NodeSettings();
        Assert.Equal(defaults.NodeName, bound.NodeName);
        Assert.Equal(defaults.Scheduler, bound.Scheduler);
        Assert.Equal(defaults.Cache, bound.Cache);
        Assert.Equal(defaults.Quota, bound.Quota);
        Assert.Equal(defaults.Storage, bound.Storage);
        Assert.Equal(defaults.Executor with { ShellAllow = [], ShellDeny = [], FunctionAssemblies = [] },
            bound.Executor with { ShellAllow = [], ShellDeny = [], FunctionAssemblies = [] });
        Assert.Empty(bound.Executor.ShellDeny);
        Assert.Empty(bound.Executor.ShellAllow);
        Assert.Empty(bound.Executor.FunctionAssemblies);
    }

    [Fact]
    public void Documented_default_values()
    {
        var s = new NodeSettings();
        Assert.Equal(Math.Clamp(Environment.ProcessorCount, 1, 1024), s.Executor.MaxConcurrent);
        Assert.Equal(TimeSpan.FromMinutes(10), s.Executor.DefaultTimeout);
        Assert.Equal(0, s.Executor.MaxRetries);
        Assert.Equal((TimeSpan.FromSeconds(1), 8), (s.Executor.TimeoutGrace, s.Executor.MaxAbandoned));
        Assert.Equal(TimeSpan.FromMilliseconds(200), s.Executor.BackoffBase);
        Assert.Equal(TimeSpan.FromSeconds(30), s.Executor.BackoffMax);
        Assert.Equal(1024 * 1024, s.Executor.ShellOutputLimitBytes);
        Assert.Equal(TimeSpan.FromSeconds(2), s.Executor.ShellKillGrace);
        Assert.Equal(TimeSpan.FromSeconds(30), s.Scheduler.AgingInterval);
        Assert.Equal(1, s.Scheduler.AgingStep);
        Assert.Equal(1_000_000, s.Scheduler.MaxQueued);
        Assert.True(s.Cache.Enabled);
        Assert.Equal(TimeSpan.FromHours(1), s.Cache.Ttl);
        Assert.Equal(10_000, s.Cache.MaxEntries);
        Assert.Equal(TimeSpan.FromMinutes(1), s.Quota.Window);
        Assert.Equal((0L, 0L, 0L), (s.Quota.MaxTasksPerWindow, s.Quota.MaxMemoryKeys, s.Quota.MaxStorageBytes));
        Assert.Equal(".akc/data", s.Storage.DataDirectory);
        Assert.Equal(Path.Combine(".akc/data", "akc.db"), s.Storage.DatabasePath);
        Assert.Equal(500, s.Storage.BatchSize);
    }

    [Theory]
    [InlineData("akc.executor.max-concurrent", "AKC__EXECUTOR__MAX_CONCURRENT")]
    [InlineData("akc.executor.shell.output-limit", "AKC__EXECUTOR__SHELL__OUTPUT_LIMIT")]
    [InlineData("akc.node-name", "AKC__NODE_NAME")]
    public void Environment_variable_names(string path, string name)
    {
        Assert.Equal(name, SettingsEnvironment.VariableName(HoconPath.Parse(path)));
    }

    [Fact]
    public void Environment_variable_names_need_a_path_under_akc()
    {
        Assert.Throws<ArgumentException>(() => SettingsEnvironment.VariableName(HoconPath.Parse("other.x")));
        Assert.Throws<ArgumentException>(() => SettingsEnvironment.VariableName(HoconPath.Parse("akc")));
    }
}
