using AkkaCompute.Compute.Executors;
using AkkaCompute.Hosting.Settings;

namespace AkkaCompute.Hosting.Tests.Settings;

public sealed class IsolationSettingTests
{
    private static NodeSettings Load(string value) =>
        NodeSettingsLoader.Load(null, _ => null, new Dictionary<string, string> { ["executor.isolation"] = value });

    [Fact]
    public void Thread_is_the_default_and_process_is_the_other_choice()
    {
        Assert.Equal(TaskIsolation.Thread, NodeSettingsLoader.Load(null, _ => null, null).Executor.Isolation);
        Assert.Equal(TaskIsolation.Process, Load("process").Executor.Isolation);
    }

    [Fact]
    public void Another_value_is_refused_naming_the_key_and_the_choices()
    {
        var e = Assert.Throws<SettingsException>(() => Load("container"));
        Assert.Contains("akc.executor.isolation", e.Message);
        Assert.Contains("must be thread or process", e.Message);
    }
}
