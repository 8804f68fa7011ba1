using System.Text.Json;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Compute.Tests.Tasks;

/// <summary>Tasks read from JSON share one empty arguments object, one empty result object and one empty list, and read everything else as before.</summary>
public sealed class SharedEmptyJsonConvertersTests
{
    [Fact]
    public void Empty_arguments_and_lists_read_back_as_the_shared_instances()
    {
        var json = JsonSerializer.Serialize(new TaskSpec { Id = "t", Function = "echo" });
        Assert.Contains("\"Args\":{}", json);
        Assert.Contains("\"Tags\":[]", json);

        var a = JsonSerializer.Deserialize<TaskSpec>(json)!;
        var b = JsonSerializer.Deserialize<TaskSpec>(json)!;

        // JsonElement's equality is its document and position: equal only when the document is the shared one.
        Assert.True(a.Args.Equals(TaskSpec.EmptyObject));
        Assert.True(b.Args.Equals(TaskSpec.EmptyObject));
        Assert.Same(Array.Empty<string>(), a.Tags);
        Assert.Same(Array.Empty<string>(), a.DependsOn);
        Assert.Same(Array.Empty<string>(), a.Requires);
        Assert.Equal(json, JsonSerializer.Serialize(a));
    }

    [Fact]
    public void Other_values_read_and_write_unchanged()
    {
        var spec = new TaskSpec
        {
            Id = "t",
            Function = "sum",
            Args = JsonDocument.Parse("""{"a":[1,2,{}],"b":{}}""").RootElement,
            Tags = ["x", "y"],
            DependsOn = ["d"],
            Requires = ["gpu"],
            Inputs = ["in.txt"],
        };
        var json = JsonSerializer.Serialize(spec);
        var back = JsonSerializer.Deserialize<TaskSpec>(json)!;

        Assert.Equal("""{"a":[1,2,{}],"b":{}}""", back.Args.GetRawText());
        Assert.False(back.Args.Equals(TaskSpec.EmptyObject));
        Assert.Equal(["x", "y"], back.Tags);
        Assert.Equal(["d"], back.DependsOn);
        Assert.Equal(["gpu"], back.Requires);
        Assert.Equal(["in.txt"], back.Inputs!);
        Assert.Equal(json, JsonSerializer.Serialize(back));
        Assert.Equal(JsonValueKind.Array, JsonSerializer.Deserialize<TaskSpec>("""{"Id":"t","Args":[1]}""")!.Args.ValueKind);
    }

    [Fact]
    public void Results_share_the_empty_output_and_keep_null_and_other_outputs()
    {
        var empty = JsonSerializer.Deserialize<TaskResult>(JsonSerializer.Serialize(new TaskResult("t", TaskState.Succeeded, TaskSpec.EmptyObject, null, 1, 1)))!;
        Assert.True(empty.Output!.Value.Equals(TaskSpec.EmptyObject));

        var none = JsonSerializer.Deserialize<TaskResult>(JsonSerializer.Serialize(new TaskResult("t", TaskState.Failed, null, "boom", 1, 1)))!;
        Assert.Null(none.Output);
        Assert.Equal("boom", none.Error);

        var value = JsonSerializer.Deserialize<TaskResult>(JsonSerializer.Serialize(new TaskResult("t", TaskState.Succeeded, JsonDocument.Parse("\"hi\"").RootElement, null, 1, 1)))!;
        Assert.Equal("\"hi\"", value.Output!.Value.GetRawText());
    }

    [Theory]
    [InlineData("""{"Id":"t","Tags":5}""")]
    [InlineData("""{"Id":"t","Tags":["a",1]}""")]
    public void A_list_that_is_not_an_array_of_strings_is_a_json_error(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<TaskSpec>(json));
}
