using System.Text.Json;
using AkkaCompute.Compute.Execution;
using static AkkaCompute.Compute.Tests.Execution.TestSupport;

namespace AkkaCompute.Compute.Tests.Execution;

public sealed class BuiltInFunctionTests
{
    private static readonly FunctionRegistry Registry = FunctionRegistry.CreateWithBuiltIns();

    private static Task<JsonElement> Invoke(string name, string args, FunctionContext? context = null, CancellationToken cancellationToken = default) =>
        Registry.InvokeAsync(name, Json(args), context ?? new FunctionContext(), cancellationToken);

    private static async Task<string> Call(string name, string args, FunctionContext? context = null) => Compact(await Invoke(name, args, context));

    [Theory]
    [InlineData("{}")]
    [InlineData("[1, 2]")]
    [InlineData("""{"anything": {"at": "all"}}""")]
    public async Task Noop_accepts_anything_and_returns_null(string args) =>
        Assert.Equal(JsonValueKind.Null, (await Invoke("noop", args)).ValueKind);

    [Theory]
    [InlineData("""{"value": {"a": [1, "x"]}}""", """{"a":[1,"x"]}""")]
    [InlineData("""{"value": 3}""", "3")]
    [InlineData("""[1, "x", null]""", """[1,"x",null]""")]
    [InlineData("""{"a": 1, "value": 2}""", """{"a":1,"value":2}""")]
    [InlineData("\"text\"", "\"text\"")]
    [InlineData("null", "null")]
    public async Task Echo_returns_its_arguments_or_their_value(string args, string expected) =>
        Assert.Equal(expected, await Call("echo", args));

    [Fact]
    public async Task Whoami_names_the_process_and_machine_that_ran_it()
    {
        var me = await Invoke("whoami", """{"ignored": 1}""");
        Assert.Equal(Environment.ProcessId, me.GetProperty("pid").GetInt32());
        Assert.Equal(Environment.MachineName, me.GetProperty("machine").GetString());
    }

    [Fact]
    public async Task Sleep_waits_on_the_contexts_clock()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var sleeping = Invoke("sleep", """{"ms": 5000}""", new FunctionContext { TimeProvider = clock });
        Assert.False(sleeping.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(4999));
        Assert.False(sleeping.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(5000, (await sleeping.WaitAsync(TimeSpan.FromSeconds(10))).GetInt64());
        Assert.Equal("0", await Call("sleep", "[0]"));
    }

    [Fact]
    public async Task Sleep_honours_cancellation()
    {
        using var cts = new CancellationTokenSource();
        var sleeping = Invoke("sleep", """{"ms": 100000}""", new FunctionContext { TimeProvider = new Microsoft.Extensions.Time.Testing.FakeTimeProvider() }, cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sleeping);
    }

    [Theory]
    [InlineData("[-1]")]
    [InlineData("[2147483648]")]
    public async Task Sleep_refuses_out_of_range_durations(string args) =>
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Invoke("sleep", args));

    [Fact]
    public async Task Fail_throws_its_message_every_time_by_default()
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => Invoke("fail", """{"message": "boom"}""", new FunctionContext { Attempt = 7 }));
        Assert.Equal("boom", e.Message);
        Assert.Equal(FailFunction.DefaultMessage, (await Assert.ThrowsAsync<InvalidOperationException>(() => Invoke("fail", "{}"))).Message);
    }

    [Fact]
    public async Task Fail_with_times_fails_the_first_attempts_then_succeeds()
    {
        const string args = """{"message": "flaky", "times": 2}""";
        await Assert.ThrowsAsync<InvalidOperationException>(() => Invoke("fail", args, new FunctionContext { Attempt = 1 }));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Invoke("fail", args, new FunctionContext { Attempt = 2 }));
        Assert.Equal("3", await Call("fail", args, new FunctionContext { Attempt = 3 }));
        Assert.Equal("1", await Call("fail", """{"times": 0}"""));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Invoke("fail", """{"times": -1}"""));
    }

    [Theory]
    [InlineData("[1, 2, 3]", "6")]
    [InlineData("[1, 0.5]", "1.5")]
    [InlineData("[-4, 4]", "0")]
    [InlineData("[9223372036854775807, 1]", "9.223372036854776E+18")]
    [InlineData("""{"values": [10, 20]}""", "30")]
    public async Task Sum_adds_integers_exactly_and_falls_back_to_double(string args, string expected) =>
        Assert.Equal(expected, await Call("sum", args));

    [Fact]
    public async Task Sum_names_the_value_that_is_not_a_number()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => Invoke("sum", """[1, "two"]"""));
        Assert.StartsWith("sum: values[1] is the string \"two\", not a number", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Merge_adds_numbers_merges_objects_concatenates_arrays_and_replaces_the_rest()
    {
        const string args = """
            [
              {"a": 1, "b": {"c": 2}, "list": [1], "name": "x", "kind": 1},
              {"a": 2, "b": {"c": 3, "d": 1.5}, "list": [2, 3], "name": "y", "kind": "text"},
              {"e": null, "b": {"d": 1}}
            ]
            """;
        Assert.Equal("""{"a":3,"b":{"c":5,"d":2.5},"list":[1,2,3],"name":"y","kind":"text","e":null}""", await Call("merge", args));
        Assert.Equal("""{"x":2}""", await Call("merge", """{"objects": [{"x": 1}, {"x": 1}]}"""));
        Assert.Equal("{}", await Call("merge", "[]"));
    }

    [Fact]
    public async Task Merge_refuses_an_item_that_is_not_an_object()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => Invoke("merge", """[{"a": 1}, [1]]"""));
        Assert.StartsWith("merge: objects[1] is the array [1], not an object", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Word_count_then_merge_gives_the_counts_of_the_whole_text()
    {
        string[] parts = ["The cat and the hat.", "A cat, a bat; THE END", "hat hat"];
        var maps = new List<JsonElement>();
        foreach (var part in parts)
        {
            maps.Add((await Invoke("word-count", JsonSerializer.Serialize(new { text = part }))).GetProperty("counts"));
        }

        var merged = await Registry.InvokeAsync("merge", JsonSerializer.SerializeToElement(maps), new FunctionContext(), CancellationToken.None);
        var whole = (await Invoke("word-count", JsonSerializer.Serialize(new { text = string.Join(" ", parts) }))).GetProperty("counts");
        var expected = whole.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
        var actual = merged.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
        Assert.Equal(expected.OrderBy(kv => kv.Key), actual.OrderBy(kv => kv.Key));
        Assert.Equal(3, actual["the"]);
        Assert.Equal(3, actual["hat"]);
    }
}
