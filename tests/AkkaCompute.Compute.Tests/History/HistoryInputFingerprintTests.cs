using System.Text.Json;
using System.Text.Json.Nodes;
using AkkaCompute.Compute.History;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Compute.Tests.History;

/// <summary>Issue 12, item 3: the input fingerprint is journaled with a success, and rows from before it still load.</summary>
public class HistoryInputFingerprintTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_finished_row_keeps_the_fingerprint_and_an_old_row_without_it_loads_with_none()
    {
        var batch = new TaskEventBatch([new TaskFinished(new TaskResult("a", TaskState.Succeeded, JsonDocument.Parse("1").RootElement, null, 1, 2, InputFingerprint: "abc"), T0)]);
        var json = JsonSerializer.Serialize(batch, HistoryJson.Options);
        Assert.Contains("\"InputFingerprint\":\"abc\"", json);
        var back = JsonSerializer.Deserialize<TaskEventBatch>(json, HistoryJson.Options)!;
        Assert.Equal("abc", ((TaskFinished)back.Events[0]).Result.InputFingerprint);

        var old = JsonNode.Parse(json)!;
        var result = old["Events"]![0]!["Result"]!.AsObject();
        Assert.True(result.Remove("InputFingerprint"));
        var loaded = JsonSerializer.Deserialize<TaskEventBatch>(old.ToJsonString(), HistoryJson.Options)!;
        var finished = (TaskFinished)loaded.Events[0];
        Assert.Null(finished.Result.InputFingerprint);
        Assert.Equal(TaskState.Succeeded, finished.Result.State);
    }
}
