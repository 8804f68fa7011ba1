using System.Text.Json;
using AkkaCompute.Compute.Execution;
using AkkaCompute.Compute.Executors;
using AkkaCompute.Compute.Tasks;
using static AkkaCompute.Compute.Tests.Execution.TestSupport;

namespace AkkaCompute.Compute.Tests.Execution;

public sealed class ArgumentBindingTests
{
    private static readonly FunctionRegistry Registry = CreateRegistry();

    private static FunctionRegistry CreateRegistry()
    {
        var registry = FunctionRegistry.CreateWithBuiltIns();
        registry.RegisterType(typeof(TestFunctions));
        return registry;
    }

    private static async Task<string> Call(string name, string args, FunctionContext? context = null) =>
        Compact(await Registry.InvokeAsync(name, Json(args), context ?? new FunctionContext(), CancellationToken.None));

    private static Task<ArgumentBindingException> Refused(string name, string args) =>
        Assert.ThrowsAsync<ArgumentBindingException>(() => Call(name, args));

    [Theory]
    [InlineData("[1, 2]", "3")]
    [InlineData("[1]", "11")]
    [InlineData("5", "15")]
    [InlineData("""{"a": 1, "b": 2}""", "3")]
    [InlineData("""{"b": 2, "a": 1}""", "3")]
    [InlineData("""{"A": 4}""", "14")]
    public async Task Positional_named_and_scalar_arguments_bind_with_defaults(string args, string expected) =>
        Assert.Equal(expected, await Call("test.add", args));

    [Theory]
    [InlineData("""{"maxCount": 5}""")]
    [InlineData("""{"max-count": 5}""")]
    [InlineData("""{"max_count": 5}""")]
    [InlineData("""{"MaxCount": 5}""")]
    [InlineData("""{"maxcount": 5}""")]
    public async Task Names_match_case_insensitively_and_tolerate_kebab_and_snake_case(string args) =>
        Assert.Equal("5", await Call("test.max-count", args));

    [Fact]
    public async Task Several_defaults_and_a_boolean_bind()
    {
        Assert.Equal("\"hello, ada\"", await Call("test.greet", """{"name": "ada"}"""));
        Assert.Equal("\"HI, ADA\"", await Call("test.greet", """["ada", "hi", true]"""));
        Assert.Equal("\"HELLO, ADA\"", await Call("test.greet", """{"shout": true, "name": "ada"}"""));
    }

    [Fact]
    public async Task Records_lists_arrays_and_enums_bind_through_System_Text_Json()
    {
        Assert.Equal("""{"x":2,"y":5}""", await Call("test.point", """{"point": {"x": 1, "y": 5}}"""));
        Assert.Equal("""{"x":2,"y":5}""", await Call("test.point", """[{"X": 1, "Y": 5}]"""));
        Assert.Equal("8", await Call("test.lists", """{"items": ["a", "b"], "numbers": [1, 2, 3]}"""));
        Assert.Equal("2", await Call("test.lists", """[["a", "b"]]"""));
        Assert.Equal("\"DarkBlue\"", await Call("test.shade", """{"shade": "darkBlue"}"""));
    }

    [Fact]
    public async Task Numbers_bind_exactly_into_each_numeric_type()
    {
        var result = await Call("test.numbers", """{"l": 9007199254740993, "d": 0.1, "m": 0.1, "b": 255, "f": 1.5}""");
        Assert.Equal("""{"l":9007199254740993,"d":0.1,"m":0.1,"b":255,"f":1.5}""", result);
    }

    [Fact]
    public async Task Null_binds_to_nullable_parameters_only()
    {
        Assert.Equal("\"<null>/<null>\"", await Call("test.nullable", """{"value": null, "count": null}"""));
        Assert.Equal("\"x/3\"", await Call("test.nullable", """["x", 3]"""));
        var e = await Refused("test.greet", """{"name": null}""");
        Assert.Equal("function 'test.greet': argument 'name' expects a string, but was given null", e.Message);
    }

    [Fact]
    public async Task No_arguments_bind_as_none()
    {
        Assert.Equal("\"<null>/<null>\"", await Call("test.nullable", "null"));
        Assert.Equal("\"<null>/<null>\"", Compact(await Registry.InvokeAsync("test.nullable", default, new FunctionContext(), CancellationToken.None)));
    }

    [Fact]
    public async Task A_wrong_type_names_function_parameter_expected_type_and_given_value()
    {
        var e = await Refused("test.add", """{"a": "abc"}""");
        Assert.Equal("function 'test.add': argument 'a' expects an integer (Int32), but was given the string \"abc\"", e.Message);
        Assert.Equal(("test.add", "a", "an integer (Int32)", "the string \"abc\""), (e.FunctionName, e.ParameterName, e.Expected, e.Given));
    }

    [Theory]
    [InlineData("test.add", """{"a": 1.5}""", "a", "the number 1.5 (out of range or not a whole number)")]
    [InlineData("test.add", """{"a": 3000000000}""", "a", "the number 3000000000 (out of range or not a whole number)")]
    [InlineData("test.add", """["5"]""", "a", "the string \"5\"")]
    [InlineData("test.numbers", """{"l": 1, "d": 1, "m": 1, "b": 256, "f": 1}""", "b", "the number 256 (out of range or not a whole number)")]
    [InlineData("test.greet", """{"name": 5}""", "name", "the number 5")]
    [InlineData("test.greet", """{"name": "x", "shout": "yes"}""", "shout", "the string \"yes\"")]
    [InlineData("test.lists", """{"items": "a"}""", "items", "the string \"a\"")]
    public async Task Mismatched_values_are_refused(string function, string args, string parameter, string givenStart)
    {
        var e = await Refused(function, args);
        Assert.Equal(parameter, e.ParameterName);
        Assert.StartsWith(givenStart, e.Given, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_record_that_does_not_deserialize_reports_the_serializer_error()
    {
        var e = await Refused("test.point", """{"point": {"x": "one"}}""");
        Assert.Equal("point", e.ParameterName);
        Assert.Equal("an object (Point)", e.Expected);
        Assert.IsAssignableFrom<JsonException>(e.InnerException);
        Assert.Contains("$.x", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_enum_name_lists_the_valid_ones()
    {
        var e = await Refused("test.shade", """{"shade": "purple"}""");
        Assert.Equal("one of the strings red, darkBlue", e.Expected);
    }

    [Fact]
    public async Task A_missing_required_argument_is_named()
    {
        var e = await Refused("test.add", """{"b": 1}""");
        Assert.Equal("function 'test.add': argument 'a' expects an integer (Int32), but was given nothing (the argument is required)", e.Message);
    }

    [Fact]
    public async Task An_unknown_argument_name_lists_the_parameters_and_suggests_the_closest()
    {
        var e = await Refused("test.greet", """{"name": "x", "greting": "hi"}""");
        Assert.Equal("greting", e.ParameterName);
        Assert.Equal("one of the parameters name, greeting, shout (did you mean 'greeting'?)", e.Expected);
    }

    [Fact]
    public async Task Too_many_positional_arguments_are_refused()
    {
        var e = await Refused("test.add", "[1, 2, 3]");
        Assert.Equal("#3", e.ParameterName);
        Assert.Equal("at most 2 positional argument(s) (a, b)", e.Expected);
        Assert.Equal("3 arguments", e.Given);
    }

    [Fact]
    public async Task The_same_parameter_given_twice_under_two_spellings_is_refused()
    {
        var e = await Refused("test.max-count", """{"maxCount": 1, "max-count": 2}""");
        Assert.Equal("two (as 'maxCount' and 'max-count')", e.Given);
    }

    [Fact]
    public async Task Params_arrays_take_the_rest_of_the_positional_arguments_or_one_array()
    {
        Assert.Equal("6", await Call("sum", "[1, 2, 3]"));
        Assert.Equal("6", await Call("sum", "[[1, 2, 3]]"));
        Assert.Equal("3.5", await Call("sum", """{"values": [1, 2.5]}"""));
        Assert.Equal("7", await Call("sum", """{"values": 7}"""));
        Assert.Equal("7", await Call("sum", "7"));
        Assert.Equal("0", await Call("sum", "[]"));
        Assert.Equal("0", await Call("sum", "{}"));
    }

    [Fact]
    public async Task Raw_arguments_receive_anything_unchanged()
    {
        Assert.Equal("\"Array\"", await Call("test.raw", "[1, {\"x\": 2}]"));
        Assert.Equal("\"Object\"", await Call("test.raw", """{"anything": 1}"""));
        Assert.Equal("\"String\"", await Call("test.raw", "\"s\""));
    }

    [Fact]
    public async Task The_context_is_injected_with_its_attempt_task_and_directory()
    {
        var context = new FunctionContext { Attempt = 3, TaskId = "t-1", WorkingDirectory = "/tmp" };
        Assert.Equal("""{"attempt":3,"taskId":"t-1","workingDirectory":"/tmp"}""", await Call("test.context", "{}", context));
    }

    [Fact]
    public async Task An_attempts_context_defaults_to_the_current_directory_and_keeps_a_task_directory()
    {
        Assert.Equal(Directory.GetCurrentDirectory(), new FunctionContext(workingDirectory: null).WorkingDirectory);
        Assert.Equal("/srv/data", new FunctionContext("/srv/data").WorkingDirectory);
        Assert.Throws<ArgumentException>(() => new FunctionContext(" "));
        var runner = new DefaultTaskRunner(Registry, new ShellOptions(new CommandPolicy()), TimeProvider.System);
        var task = new TaskSpec { Id = "ctx", Function = "test.context" };
        var result = await runner.RunAsync(task, 2, CancellationToken.None);
        Assert.Equal(Directory.GetCurrentDirectory(), result.GetProperty("workingDirectory").GetString());
        Assert.Equal(2, result.GetProperty("attempt").GetInt32());
        result = await runner.RunAsync(task with { WorkingDirectory = "/srv/data" }, 1, CancellationToken.None);
        Assert.Equal("/srv/data", result.GetProperty("workingDirectory").GetString());
    }

    [Fact]
    public void The_context_refuses_an_attempt_below_one()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FunctionContext { Attempt = 0 });
        Assert.Throws<ArgumentException>(() => new FunctionContext { WorkingDirectory = " " });
    }

    [Theory]
    [InlineData("maxCount", "maxcount")]
    [InlineData("max-count", "maxcount")]
    [InlineData("Max_Count", "maxcount")]
    [InlineData("max count", "maxcount")]
    [InlineData("", "")]
    public void Parameter_names_normalize(string name, string expected) => Assert.Equal(expected, ParameterNames.Normalize(name));
}
