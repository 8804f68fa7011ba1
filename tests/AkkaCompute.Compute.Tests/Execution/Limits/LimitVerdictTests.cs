using AkkaCompute.Compute.Execution;
using AkkaCompute.Compute.Execution.Limits;

namespace AkkaCompute.Compute.Tests.Execution.Limits;

public sealed class LimitVerdictTests
{
    private static ShellResult Exit(int code, string stderr = "") => new(code, "", stderr, false, false, 0, stderr.Length, TimeSpan.Zero);

    private static readonly TaskLimits CpuAndMemory = new() { Cpu = TimeSpan.FromSeconds(2), MemoryBytes = 64L << 20 };

    [Fact]
    public void Sigxcpu_under_a_cpu_limit_names_it()
    {
        Assert.Equal("cpu limit 2 s exceeded (killed by SIGXCPU)", LimitVerdict.Of(CpuAndMemory, Exit(152)));
        Assert.Null(LimitVerdict.Of(TaskLimits.None, Exit(152)));
    }

    [Fact]
    public void Sigkill_under_a_cpu_limit_is_only_said_to_be_consistent_with_it()
    {
        Assert.StartsWith("cpu limit 2 s exceeded? (killed by SIGKILL", LimitVerdict.Of(CpuAndMemory, Exit(137)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tail: memory exhausted")]
    [InlineData("bash: xmalloc: cannot allocate 123 bytes: Cannot allocate memory")]
    [InlineData("terminate called after throwing an instance of 'std::bad_alloc'")]
    [InlineData("MemoryError")]
    public void An_allocation_failure_under_a_memory_limit_names_it(string stderr)
    {
        Assert.Equal($"memory limit 64 MiB exceeded (an allocation failed: {stderr})", LimitVerdict.Of(CpuAndMemory, Exit(1, "noise\n" + stderr + "\n")));
    }

    [Fact]
    public void Other_failures_are_the_command_s_own()
    {
        Assert.Null(LimitVerdict.Of(CpuAndMemory, Exit(1, "grep: no such file")));
        Assert.Null(LimitVerdict.Of(new TaskLimits { Cpu = TimeSpan.FromSeconds(2) }, Exit(1, "memory exhausted")));
        Assert.Null(LimitVerdict.Of(CpuAndMemory, Exit(0, "memory exhausted")));
    }

    [Fact]
    public void A_watched_limit_is_reported_as_the_runner_recorded_it()
    {
        Assert.Equal("output limit 1 KiB exceeded", LimitVerdict.Of(TaskLimits.None, Exit(137) with { LimitExceeded = "output limit 1 KiB exceeded" }));
    }
}
