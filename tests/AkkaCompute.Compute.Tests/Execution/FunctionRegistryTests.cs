using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using AkkaCompute.Compute.Execution;
using static AkkaCompute.Compute.Tests.Execution.TestSupport;

namespace AkkaCompute.Compute.Tests.Execution;

public sealed class FunctionRegistryTests
{
    private static readonly string[] BuiltIns = ["echo", "fail", "merge", "noop", "sha256", "sleep", "sum", "whoami", "word-count"];

    private static Task<JsonElement> Invoke(FunctionRegistry registry, string name, string args, CancellationToken cancellationToken = default) =>
        registry.InvokeAsync(name, Json(args), new FunctionContext(), cancellationToken);

    private static MethodInfo Method(string name) =>
        typeof(InvalidFunctions).GetMethod(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance)!;

    [Fact]
    public void Built_ins_are_registered_and_listed_in_order()
    {
        var registry = FunctionRegistry.CreateWithBuiltIns();
        Assert.Equal(BuiltIns, registry.Names);
        Assert.Equal(BuiltIns.Length, registry.Count);
        Assert.True(registry.TryGet("sha256", out var sha));
        Assert.Equal("sha256(file: String = null, text: String = null)", sha.ToString());
        Assert.False(registry.TryGet("SHA256", out _));
    }

    [Fact]
    public void Registering_the_built_ins_twice_is_refused_and_changes_nothing()
    {
        var registry = FunctionRegistry.CreateWithBuiltIns();
        var e = Assert.Throws<FunctionRegistrationException>(() => registry.RegisterBuiltIns());
        Assert.Contains("function 'noop'", e.Message, StringComparison.Ordinal);
        Assert.Contains("is already registered by AkkaCompute.Compute.Execution.NoopFunction.Noop", e.Message, StringComparison.Ordinal);
        Assert.Equal(BuiltIns.Length, registry.Count);
    }

    [Fact]
    public async Task An_assembly_is_scanned_for_attributed_static_methods()
    {
        var registry = FunctionRegistry.CreateWithBuiltIns();
        var names = registry.RegisterAssembly(typeof(TestFunctions).Assembly);
        Assert.Contains("test.add", names);
        Assert.Contains("test.async", names);
        Assert.DoesNotContain(names, n => n.Contains("Fine", StringComparison.Ordinal));
        Assert.Equal("adds a and b", registry.Get("test.add").Description);
        Assert.Equal(42, (await Invoke(registry, "test.add", "[40, 2]")).GetInt32());
    }

    [Fact]
    public void A_batch_with_one_duplicate_registers_nothing()
    {
        var registry = new FunctionRegistry();
        registry.Register(Method(nameof(InvalidFunctions.Fine)), "test.greet");
        Assert.Throws<FunctionRegistrationException>(() => registry.RegisterType(typeof(TestFunctions)));
        Assert.Equal(["test.greet"], registry.Names);
    }

    [Theory]
    [InlineData(nameof(InvalidFunctions.Instance), "the method must be public static")]
    [InlineData(nameof(InvalidFunctions.NotPublic), "the method must be public static")]
    [InlineData(nameof(InvalidFunctions.Generic), "generic methods are not supported")]
    [InlineData(nameof(InvalidFunctions.WithRef), "parameter 'x' is a ref, out, pointer or ref struct parameter")]
    [InlineData(nameof(InvalidFunctions.ReturnsSpan), "return type Span<Byte> is not supported")]
    [InlineData(nameof(InvalidFunctions.Stream), "return type IAsyncEnumerable<Int32> is not supported")]
    [InlineData(nameof(InvalidFunctions.RawNotJson), "has [RawArguments] but is not a JsonElement")]
    [InlineData(nameof(InvalidFunctions.RawAndMore), "must be the only parameter bound from arguments")]
    [InlineData(nameof(InvalidFunctions.SameName), "parameters 'maxCount' and 'max_count' match the same argument name")]
    public void Methods_that_cannot_be_functions_are_refused_with_the_reason(string method, string reason)
    {
        var e = Assert.Throws<FunctionRegistrationException>(() => new FunctionRegistry().Register(Method(method), "bad"));
        Assert.Contains("function 'bad' (AkkaCompute.Compute.Tests.Execution.InvalidFunctions." + method + ")", e.Message, StringComparison.Ordinal);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1abc")]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    public void Malformed_names_are_refused(string name)
    {
        var e = Assert.Throws<FunctionRegistrationException>(() => new FunctionRegistry().Register(Method(nameof(InvalidFunctions.Fine)), name));
        Assert.Contains("is malformed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_method_without_the_attribute_registers_under_a_given_name_only()
    {
        var registry = new FunctionRegistry();
        Assert.Throws<FunctionRegistrationException>(() => registry.Register(Method(nameof(InvalidFunctions.Fine))));
        registry.Register(Method(nameof(InvalidFunctions.Fine)), "my.fine");
        Assert.Equal(7, (await Invoke(registry, "my.fine", "[7]")).GetInt32());
    }

    [Fact]
    public async Task An_unknown_function_names_it_suggests_the_closest_and_lists_the_known()
    {
        var registry = FunctionRegistry.CreateWithBuiltIns();
        var e = await Assert.ThrowsAsync<UnknownFunctionException>(() => Invoke(registry, "sha265", "{}"));
        Assert.Equal(
            "unknown function 'sha265'; did you mean 'sha256'? Known functions: echo, fail, merge, noop, sha256, sleep, sum, whoami, word-count.",
            e.Message);
        Assert.Equal("sha256", e.Suggestion);
        Assert.Equal("word-count", (await Assert.ThrowsAsync<UnknownFunctionException>(() => Invoke(registry, "wordcount", "{}"))).Suggestion);
        Assert.Equal("sum", (await Assert.ThrowsAsync<UnknownFunctionException>(() => Invoke(registry, "SUM", "{}"))).Suggestion);
        Assert.Null((await Assert.ThrowsAsync<UnknownFunctionException>(() => Invoke(registry, "compile-kernel", "{}"))).Suggestion);
        Assert.EndsWith("No functions are registered.", new UnknownFunctionException("x", [], null).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_supported_return_type_gives_a_JSON_result()
    {
        var registry = new FunctionRegistry();
        registry.RegisterType(typeof(TestFunctions));
        Assert.Equal("\"ABC\"", Compact(await Invoke(registry, "test.async", """{"text": "abc"}""")));
        Assert.Equal("8", Compact(await Invoke(registry, "test.valuetask", "[4]")));
        Assert.Equal(JsonValueKind.Null, (await Invoke(registry, "test.void", "[1]")).ValueKind);
        Assert.Equal(JsonValueKind.Null, (await Invoke(registry, "test.task", "{}")).ValueKind);
        Assert.Equal(JsonValueKind.Null, (await Invoke(registry, "test.valuetask-void", "{}")).ValueKind);
    }

    [Fact]
    public async Task A_functions_own_exception_propagates_unchanged()
    {
        var registry = new FunctionRegistry();
        registry.RegisterType(typeof(TestFunctions));
        Assert.Equal("bad input", (await Assert.ThrowsAsync<FormatException>(() => Invoke(registry, "test.throws", """["bad input"]"""))).Message);
        Assert.Equal("bad later", (await Assert.ThrowsAsync<FormatException>(() => Invoke(registry, "test.throws-async", """["bad later"]"""))).Message);
    }

    [Fact]
    public async Task A_result_that_is_not_JSON_is_reported_with_the_function_name()
    {
        var registry = new FunctionRegistry();
        registry.RegisterType(typeof(TestFunctions));
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => Invoke(registry, "test.nan", "{}"));
        Assert.StartsWith("function 'test.nan' returned a Double that cannot be serialized to JSON", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_token_reaches_the_function_and_a_cancelled_token_stops_the_call_before_it_starts()
    {
        var registry = new FunctionRegistry();
        registry.RegisterType(typeof(TestFunctions));
        using var cts = new CancellationTokenSource();
        var waiting = Invoke(registry, "test.wait", "{}", cts.Token);
        Assert.False(waiting.IsCompleted);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Invoke(registry, "test.add", "[1]", cts.Token));
    }

    [Fact]
    public async Task Lookups_and_calls_run_concurrently_with_registrations()
    {
        var registry = FunctionRegistry.CreateWithBuiltIns();
        var calls = Enumerable.Range(0, 2_000).Select(i => Task.Run(() => Invoke(registry, "sum", $"[{i}, 1]"))).ToList();
        for (var i = 0; i < 50; i++)
        {
            registry.Register(typeof(InvalidFunctions).GetMethod(nameof(InvalidFunctions.Fine))!, $"extra.{i}");
        }

        var results = await Task.WhenAll(calls);
        Assert.Equal(Enumerable.Range(1, 2_000), results.Select(r => r.GetInt32()));
        Assert.Equal(BuiltIns.Length + 50, registry.Count);
    }

    [Fact]
    public async Task An_assembly_file_loads_into_its_own_context_sharing_the_hosts_types()
    {
        using var dir = TempDir();
        var source = typeof(TestFunctions).Assembly.Location;
        var copy = dir.File("UserFunctions.dll");
        File.Copy(source, copy);
        var registry = new FunctionRegistry();

        var names = registry.LoadAssemblyFile(copy);

        Assert.Contains("test.add", names);
        var loaded = registry.Get("test.add").Method.DeclaringType!.Assembly;
        Assert.NotSame(typeof(TestFunctions).Assembly, loaded);
        Assert.NotSame(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(loaded));
        Assert.Equal(5, (await Invoke(registry, "test.add", "[2, 3]")).GetInt32());
        var context = new FunctionContext { Attempt = 2, TaskId = "plugin" };
        var result = await registry.InvokeAsync("test.context", TestSupport.Json("{}"), context, CancellationToken.None);
        Assert.Equal(2, result.GetProperty("attempt").GetInt32());
    }

    [Fact]
    public void A_missing_or_invalid_assembly_file_is_reported_with_its_path()
    {
        using var dir = TempDir();
        var registry = new FunctionRegistry();
        var missing = Assert.Throws<FileNotFoundException>(() => registry.LoadAssemblyFile(dir.File("nope.dll")));
        Assert.Contains("nope.dll", missing.Message, StringComparison.Ordinal);
        var garbage = dir.Write("garbage.dll", "this is not an assembly");
        var invalid = Assert.Throws<FunctionRegistrationException>(() => registry.LoadAssemblyFile(garbage));
        Assert.Contains(garbage, invalid.Message, StringComparison.Ordinal);
    }
}
