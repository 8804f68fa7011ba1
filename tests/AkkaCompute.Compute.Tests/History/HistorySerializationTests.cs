using System.Text.Json;
using AkkaCompute.Compute.History;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Persistence;

namespace AkkaCompute.Compute.Tests.History;

public class HistorySerializationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Batches_round_trip_through_the_journal_serializer_with_their_concrete_types()
    {
        var serializer = new JsonPersistenceSerializer();
        var spec = new TaskSpec { Id = "a", Function = "echo", Args = JsonDocument.Parse("""{"x":[1,2]}""").RootElement.Clone(), Priority = 3 };
        var batch = new TaskEventBatch(
        [
            new TaskStarted("a", 1, T0),
            new TaskRetrying("a", 1, "boom", 12.5, T0),
            new TaskFinished(new TaskResult("a", TaskState.Succeeded, JsonDocument.Parse("42").RootElement.Clone(), null, 2, 7), T0),
        ]);
        var accepted = new TasksAccepted([spec], T0);

        var batchBack = (TaskEventBatch)Roundtrip(serializer, batch);
        var acceptedBack = (TasksAccepted)Roundtrip(serializer, accepted);

        Assert.IsType<TaskStarted>(batchBack.Events[0]);
        Assert.Equal("boom", Assert.IsType<TaskRetrying>(batchBack.Events[1]).Error);
        Assert.Equal(42, Assert.IsType<TaskFinished>(batchBack.Events[2]).Result.Output!.Value.GetInt32());
        Assert.Equal(3, acceptedBack.Specs[0].Priority);
        Assert.Equal(2, acceptedBack.Specs[0].Args.GetProperty("x").GetArrayLength());

        var projection = new HistoryProjection();
        Assert.Equal(1, projection.ApplyStored(acceptedBack));
        Assert.Equal(3, projection.ApplyStored(batchBack));
        Assert.Equal(TaskState.Succeeded, projection.Get("a")!.State);
        Assert.Equal(0, projection.ApplyStored("not an event"));
    }

    private static object Roundtrip(JsonPersistenceSerializer serializer, object payload)
    {
        var bytes = serializer.Serialize(payload);
        return serializer.Deserialize(bytes.Data, bytes.Manifest);
    }
}
