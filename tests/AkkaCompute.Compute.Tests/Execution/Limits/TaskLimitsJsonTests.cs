using System.Text.Json;
using AkkaCompute.Compute.Execution.Limits;
using AkkaCompute.Compute.History;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Compute.Tests.Execution.Limits;

/// <summary>A task's limits survive the journal (and so a node restart) and read back as written.</summary>
public sealed class TaskLimitsJsonTests
{
    [Fact]
    public void Limits_round_trip_through_the_history_journal_s_json()
    {
        var limits = new TaskLimits { Cpu = TimeSpan.FromSeconds(10), MemoryBytes = 512L << 20, Processes = 64, OutputBytes = 1L << 20 };
        var accepted = new TasksAccepted([new TaskSpec { Id = "a", Kind = TaskKind.Shell, Command = "true", Limits = limits }], DateTimeOffset.UnixEpoch);
        var json = JsonSerializer.Serialize(accepted, HistoryJson.Options);
        Assert.DoesNotContain("IsEmpty", json, StringComparison.Ordinal);
        var back = JsonSerializer.Deserialize<TasksAccepted>(json, HistoryJson.Options)!;
        Assert.Equal(limits, back.Specs[0].Limits);
    }

    [Fact]
    public void A_task_without_limits_reads_back_without_them()
    {
        var json = JsonSerializer.Serialize(new TasksAccepted([new TaskSpec { Id = "a", Function = "noop" }], DateTimeOffset.UnixEpoch), HistoryJson.Options);
        Assert.Null(JsonSerializer.Deserialize<TasksAccepted>(json, HistoryJson.Options)!.Specs[0].Limits);
    }
}
