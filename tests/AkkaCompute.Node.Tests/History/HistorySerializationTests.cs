using System.Text.Json;
using System.Text.Json.Serialization;
using AkkaCompute.Compute.History;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Node.History;


namespace AkkaCompute.Node.Tests.History;

public class HistorySerializationTests() : Akka.TestKit.Xunit2.TestKit(TestConfig.Base)
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Batches_round_trip_through_the_journal_serializer_with_their_concrete_types()
    {
        var serializer = Sys.Serialization.FindSerializerFor(new TasksAccepted([], T0));
        Assert.IsType<HistorySerializer>(serializer);
        Assert.IsType<HistorySerializer>(Sys.Serialization.FindSerializerFor(new TaskEventBatch([])));
        var spec = new TaskSpec { Id = "a", Function = "echo", Args = JsonDocument.Parse("""{"x":[1,2]}""").RootElement.Clone(), Priority = 3 };
        var batch = new TaskEventBatch(
        [
            new TaskStarted("a", 1, T0),
            new TaskRetrying("a", 1, "boom", 12.5, T0),
            new TaskOwnerChanged("a", 2, "akka.tcp://akc@127.0.0.1:2552", "akka.tcp://akc@127.0.0.1:2553", TaskOwnerChanged.HandOffReason, T0),
            new TaskFinished(new TaskResult("a", TaskState.Succeeded, JsonDocument.Parse("42").RootElement.Clone(), null, 2, 7), T0),
        ]);
        var accepted = new TasksAccepted([spec], T0);

        var batchBack = (TaskEventBatch)Roundtrip(batch);
        var acceptedBack = (TasksAccepted)Roundtrip(accepted);

        Assert.IsType<TaskStarted>(batchBack.Events[0]);
        Assert.Equal("boom", Assert.IsType<TaskRetrying>(batchBack.Events[1]).Error);
        var moved = Assert.IsType<TaskOwnerChanged>(batchBack.Events[2]);
        Assert.Equal(("akka.tcp://akc@127.0.0.1:2552", "akka.tcp://akc@127.0.0.1:2553", "hand-off", 2), (moved.From, moved.To, moved.Reason, moved.Attempt));
        Assert.Equal(42, Assert.IsType<TaskFinished>(batchBack.Events[3]).Result.Output!.Value.GetInt32());
        Assert.Equal(3, acceptedBack.Specs[0].Priority);
        Assert.Equal(2, acceptedBack.Specs[0].Args.GetProperty("x").GetArrayLength());

        var projection = new HistoryProjection();
        Assert.Equal(1, projection.ApplyStored(acceptedBack));
        Assert.Equal(4, projection.ApplyStored(batchBack));
        Assert.Equal(TaskState.Succeeded, projection.Get("a")!.State);
        Assert.Equal(0, projection.ApplyStored("not an event"));
    }

    [Fact]
    public void The_nodes_generated_serializer_leaves_nulls_out_and_reads_rows_written_with_them()
    {
        var full = new TaskSpec
        {
            Id = "full",
            Kind = TaskKind.Shell,
            Function = "f",
            Args = JsonDocument.Parse("""{"a":[1,{"$ref":"x.y"}],"b":"\u00e9"}""").RootElement.Clone(),
            Command = "gzip -k a.txt",
            WorkingDirectory = "/w",
            Environment = new Dictionary<string, string> { ["K"] = "V" },
            Inputs = ["a.txt"],
            Priority = -7,
            Timeout = TimeSpan.FromSeconds(1.5),
            MaxRetries = 3,
            BackoffBase = TimeSpan.FromMilliseconds(10),
            BackoffMax = TimeSpan.FromMinutes(1),
            Cache = false,
            DependsOn = ["x"],
            ClientId = "c",
            Tags = ["t1", "t2"],
        };
        var payloads = new object[]
        {
            new TasksAccepted([full, new TaskSpec { Id = "min", Function = "noop" }], T0),
            new TaskEventBatch(
            [
                new TaskStarted("full", 1, T0),
                new TaskRetrying("full", 1, "boom", 12.5, T0.AddSeconds(1)),
                new TaskFinished(new TaskResult("full", TaskState.TimedOut, null, "late", 2, 7.25), T0.AddSeconds(2)),
                new TaskFinished(new TaskResult("min", TaskState.Succeeded, JsonDocument.Parse("""{"v":[1,2]}""").RootElement.Clone(), null, 1, 0.5, FromCache: true), T0),
            ]),
        };
        // The same JSON as reflection with the same options; and rows written with every null property (the default
        // options, and this serializer before it left nulls out) read back as the same payloads.
        var reflection = new JsonSerializerOptions(JsonSerializerDefaults.General) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
        var withNulls = new JsonSerializerOptions(JsonSerializerDefaults.General);
        foreach (var payload in payloads)
        {
            var a = JsonSerializer.SerializeToUtf8Bytes(payload, payload.GetType(), HistoryJson.Options);
            var b = JsonSerializer.SerializeToUtf8Bytes(payload, payload.GetType(), reflection);
            var old = JsonSerializer.SerializeToUtf8Bytes(payload, payload.GetType(), withNulls);
            var json = System.Text.Encoding.UTF8.GetString(a);
            Assert.Equal(System.Text.Encoding.UTF8.GetString(b), json);
            Assert.DoesNotContain(":null", json, StringComparison.Ordinal);
            Assert.True(json.Split("\"TaskId\":\"min\"").Length <= 2, "a derived TaskId was written beside the result's: " + json); // derived, never written
            Assert.Contains(":null", System.Text.Encoding.UTF8.GetString(old), StringComparison.Ordinal);
            Assert.True(a.Length < old.Length);
            Assert.Equal(a, JsonSerializer.SerializeToUtf8Bytes(JsonSerializer.Deserialize(old, payload.GetType(), HistoryJson.Options), payload.GetType(), HistoryJson.Options));
            Assert.Equal(b, JsonSerializer.SerializeToUtf8Bytes(JsonSerializer.Deserialize(a, payload.GetType(), reflection), payload.GetType(), HistoryJson.Options));
            Assert.Equal(a, JsonSerializer.SerializeToUtf8Bytes(Roundtrip(payload), payload.GetType(), reflection));
        }
    }

    [Fact]
    public void Rows_have_stable_manifests_and_garbage_is_refused_with_a_serialization_error()
    {
        var serializer = (HistorySerializer)Sys.Serialization.FindSerializerForType(typeof(TasksAccepted));
        Assert.Equal(HistorySerializer.AcceptedManifest, serializer.Manifest(new TasksAccepted([], T0)));
        Assert.Equal(HistorySerializer.EventsManifest, serializer.Manifest(new TaskEventBatch([])));
        Assert.Throws<System.Runtime.Serialization.SerializationException>(() => serializer.FromBinary("{not json"u8.ToArray(), HistorySerializer.AcceptedManifest));
        Assert.Throws<System.Runtime.Serialization.SerializationException>(() => serializer.FromBinary("{}"u8.ToArray(), "other"));
    }

    private object Roundtrip(object payload)
    {
        var serializer = (Akka.Serialization.SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(payload);
        return serializer.FromBinary(serializer.ToBinary(payload), serializer.Manifest(payload));
    }
}
