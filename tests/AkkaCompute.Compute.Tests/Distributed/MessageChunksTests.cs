using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Compute.Tests.Distributed;

public class MessageChunksTests
{
    private static TaskSpec Task(string id, int argChars) => new() { Id = id, Function = "f", Args = System.Text.Json.JsonDocument.Parse($"[\"{new string('x', argChars)}\"]").RootElement.Clone() };

    [Fact]
    public void Chunks_keep_order_and_stay_under_the_count_and_byte_limits()
    {
        var tasks = Enumerable.Range(0, 5000).Select(i => Task($"t{i}", i % 7 == 0 ? 20_000 : 50)).ToList();
        var oversized = new List<TaskSpec>();
        var chunks = MessageChunks.Split(tasks, t => t, 1000, oversized);

        Assert.Empty(oversized);
        Assert.Equal(tasks.Select(t => t.Id), chunks.SelectMany(c => c).Select(t => t.Id));
        Assert.All(chunks, c =>
        {
            Assert.InRange(c.Count, 1, 1000);
            Assert.True(c.Sum(MessageChunks.EstimateBytes) <= MessageChunks.MaxBytes);
        });
    }

    [Fact]
    public void A_task_larger_than_a_message_is_set_apart()
    {
        var oversized = new List<TaskSpec>();
        var chunks = MessageChunks.Split([Task("a", 10), Task("big", 400_000), Task("b", 10)], t => t, 1000, oversized);
        Assert.Equal("big", Assert.Single(oversized).Id);
        Assert.Equal(["a", "b"], Assert.Single(chunks).Select(t => t.Id));
    }

    [Fact]
    public void The_estimate_bounds_the_real_json_size()
    {
        var spec = Task("t", 1000) with { Command = "échö ünïcode", Tags = ["a"], Requires = ["gpu"], DependsOn = ["x"] };
        var real = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(spec).Length;
        Assert.True(MessageChunks.EstimateBytes(spec) >= real, $"estimate {MessageChunks.EstimateBytes(spec)} < real {real}");
    }
}
