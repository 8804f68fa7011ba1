using AkkaCompute.Compute.Execution.Limits;
using AkkaCompute.Hosting.Settings;

namespace AkkaCompute.Hosting.Tests.Settings;

public sealed class LimitsSettingsTests
{
    private static NodeSettings Load(params (string Key, string Value)[] overrides) =>
        NodeSettingsLoader.Load(null, _ => null, overrides.ToDictionary(o => o.Key, o => o.Value));

    [Fact]
    public void By_default_nothing_is_limited_or_confined()
    {
        var executor = Load().Executor;
        Assert.True(executor.Limits.IsEmpty);
        Assert.True(executor.LimitsMax.IsEmpty);
        Assert.Null(executor.MaxWallTime);
        Assert.Null(executor.ShellConfineRoot);
    }

    [Fact]
    public void Defaults_maxima_and_the_confinement_root_are_read()
    {
        var root = Path.GetTempPath().TrimEnd('/');
        var executor = Load(
            ("executor.limits.cpu", "5s"), ("executor.limits.output", "1MiB"),
            ("executor.limits.max.cpu", "10s"), ("executor.limits.max.memory", "512MiB"), ("executor.limits.max.processes", "64"),
            ("executor.limits.max.wall-time", "1h"), ("executor.shell.confine-root", root)).Executor;
        Assert.Equal(new TaskLimits { Cpu = TimeSpan.FromSeconds(5), OutputBytes = 1L << 20 }, executor.Limits);
        Assert.Equal(new TaskLimits { Cpu = TimeSpan.FromSeconds(10), MemoryBytes = 512L << 20, Processes = 64 }, executor.LimitsMax);
        Assert.Equal(TimeSpan.FromHours(1), executor.MaxWallTime);
        Assert.Equal(root, executor.ShellConfineRoot);
        Assert.Equal(root, executor.LimitsPolicy.ConfineRoot);
    }

    [Theory]
    [InlineData("executor.limits.cpu", "500ms", "akc.executor.limits.cpu", "must be at least 1s")]
    [InlineData("executor.limits.memory", "1MiB", "akc.executor.limits.memory", "must be at least 16MiB")]
    [InlineData("executor.limits.max.processes", "0", "akc.executor.limits.max.processes", "must be at least 1")]
    [InlineData("executor.shell.confine-root", "relative/dir", "akc.executor.shell.confine-root", "must be an absolute path")]
    [InlineData("executor.shell.confine-root", "/no/such/akc/dir", "akc.executor.shell.confine-root", "must be an existing directory")]
    public void A_bad_value_stops_the_start_naming_the_key(string key, string value, string fullKey, string constraint)
    {
        var e = Assert.Throws<SettingsException>(() => Load((key, value)));
        Assert.Contains(fullKey, e.Message);
        Assert.Contains(constraint, e.Message);
    }

    [Fact]
    public void A_default_above_its_maximum_is_refused()
    {
        var e = Assert.Throws<SettingsException>(() => Load(("executor.limits.cpu", "20s"), ("executor.limits.max.cpu", "10s")));
        Assert.Contains("akc.executor.limits.cpu", e.Message);
        Assert.Contains("must be at most akc.executor.limits.max.cpu (10 s)", e.Message);
        var wall = Assert.Throws<SettingsException>(() => Load(("executor.limits.max.wall-time", "1m")));
        Assert.Contains("akc.executor.default-timeout", wall.Message);
    }
}
