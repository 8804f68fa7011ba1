using AkkaCompute.Compute.Execution.Limits;
using AkkaCompute.Hosting.Jobs;

namespace AkkaCompute.Hosting.Tests.Jobs;

/// <summary>The <c>limits { ... }</c> block of job files: per task, in defaults, wall-time as timeout, errors with line:column.</summary>
public sealed class JobLimitsTests : IDisposable
{
    private readonly JobFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    [Fact]
    public void A_task_s_limits_are_read_with_units()
    {
        var job = _fx.Parse("""
            tasks = [ { id = "a", shell = "true", limits { cpu = 10s, memory = 512MiB, processes = 64, output = 1MiB } } ]
            """);
        Assert.Equal(new TaskLimits { Cpu = TimeSpan.FromSeconds(10), MemoryBytes = 512L << 20, Processes = 64, OutputBytes = 1L << 20 }, job.Tasks[0].Limits);
    }

    [Fact]
    public void Defaults_apply_field_by_field_under_a_task_s_own()
    {
        var job = _fx.Parse("""
            defaults { limits { cpu = 5s, memory = 100MiB } }
            tasks = [
              { id = "a", shell = "true", limits { cpu = 20s } }
              { id = "b", shell = "true" }
              { id = "f", function = "noop" }
            ]
            """);
        Assert.Equal(new TaskLimits { Cpu = TimeSpan.FromSeconds(20), MemoryBytes = 100L << 20 }, job.Tasks[0].Limits);
        Assert.Equal(new TaskLimits { Cpu = TimeSpan.FromSeconds(5), MemoryBytes = 100L << 20 }, job.Tasks[1].Limits);
        Assert.Null(job.Tasks[2].Limits);
    }

    [Fact]
    public void Wall_time_is_the_timeout()
    {
        var job = _fx.Parse("""
            defaults { limits { wall-time = 1m } }
            tasks = [
              { id = "a", shell = "true", limits { wall-time = 30s } }
              { id = "b", shell = "true" }
            ]
            """);
        Assert.Equal(TimeSpan.FromSeconds(30), job.Tasks[0].Timeout);
        Assert.Null(job.Tasks[0].Limits);
        Assert.Equal(TimeSpan.FromMinutes(1), job.Tasks[1].Timeout);
    }

    [Fact]
    public void Every_bad_value_is_reported_at_its_line_and_column()
    {
        var e = _fx.Error("""
            tasks = [
              { id = "a", shell = "true", limits { cpu = 500ms, memory = 1MiB, processes = 0, output = lots, speed = 3 } }
              { id = "f", function = "noop", limits { cpu = 1s } }
              { id = "t", shell = "true", timeout = 5s, limits { wall-time = 6s } }
            ]
            """);
        Assert.Equal(
        [
            "job.conf:2:106: task 'a': limits: unknown key 'speed' (allowed: cpu, memory, processes, output, wall-time)",
            "job.conf:2:46: task 'a': limits: cpu = 500ms: must be at least 1s (CPU time is limited in whole seconds)",
            "job.conf:2:62: task 'a': limits: memory = 1MiB: must be between 16MiB and 1TiB",
            "job.conf:2:80: task 'a': limits: processes = 0: must be between 1 and 100,000",
            "job.conf:2:92: task 'a': limits: output = lots: must be a size such as 512KiB, 100MiB or 2GiB",
            "job.conf:3:41: task 'f': limits apply to shell tasks only (a function runs inside the node or its worker process)",
            "job.conf:4:41: task 't': set timeout or limits.wall-time, not both (they are the same wall-time limit)",
        ], e.Errors.Select(x => x.ToString()));
    }

    [Fact]
    public void A_task_asking_more_than_the_node_maximum_is_refused_at_its_id()
    {
        var policy = TaskLimitsPolicy.Unlimited with { Maximum = new TaskLimits { MemoryBytes = 256L << 20 } };
        var checks = new JobChecks { Task = policy.Problem };
        var e = Assert.Throws<JobFileException>(() => JobFileParser.Parse("""
            tasks = [
              { id = "ok", shell = "true", limits { memory = 256MiB } }
              { id = "big", shell = "true", limits { memory = 1GiB } }
            ]
            """, "job.conf", _fx.Root, JobFixture.Env(), checks));
        Assert.Equal("job.conf:3:10: task 'big': limits.memory = 1 GiB is above this node's maximum of 256 MiB (akc.executor.limits.max.memory)", Assert.Single(e.Errors).ToString());
    }
}
