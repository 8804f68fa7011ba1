using System.Security.Cryptography;
using System.Text;
using AkkaCompute.Compute.Execution;
using AkkaCompute.Compute.Tasks;
using static AkkaCompute.Compute.Tests.Execution.TestSupport;

namespace AkkaCompute.Compute.Tests.Execution;

public sealed class CacheKeyTests
{
    private static string Key(string function, string args) => CacheKey.For(new TaskSpec { Id = "t", Function = function, Args = Json(args) })!;

    [Fact]
    public void The_key_is_the_SHA256_of_a_canonical_description()
    {
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("""{"args":{"a":1,"b":[2,"x"]},"function":"sum","kind":"function"}""")));
        Assert.Equal(expected, Key("sum", """{ "b": [2, "x"], "a": 1.0 }"""));
        Assert.Matches("^[0-9a-f]{64}$", Key("noop", "{}"));
    }

    [Theory]
    [InlineData("""{"a":1,"b":{"x":[1,2],"y":null}}""", """{ "b" : { "y" : null , "x" : [ 1 , 2 ] } , "a" : 1 }""")]
    [InlineData("""{"n": 1}""", """{"n": 1.0}""")]
    [InlineData("""{"n": 100}""", """{"n": 1e2}""")]
    [InlineData("""{"n": 0.5}""", """{"n": 5e-1}""")]
    [InlineData("""{"s": "é"}""", """{"s": "\u00e9"}""")]
    [InlineData("[1, 2]", "[1,2]")]
    public void Key_order_whitespace_and_number_spelling_do_not_change_the_key(string a, string b) =>
        Assert.Equal(Key("f", a), Key("f", b));

    [Theory]
    [InlineData("""{"a": 1}""", """{"a": 2}""")]
    [InlineData("""{"a": 1}""", """{"a": "1"}""")]
    [InlineData("""{"a": 1}""", """{"b": 1}""")]
    [InlineData("[1, 2]", "[2, 1]")]
    [InlineData("""{"a": null}""", "{}")]
    [InlineData("""{"a": 0.1}""", """{"a": 0.10000000000000002}""")]
    public void Different_arguments_give_different_keys(string a, string b) =>
        Assert.NotEqual(Key("f", a), Key("f", b));

    [Fact]
    public void Different_functions_give_different_keys()
    {
        Assert.NotEqual(Key("f", "{}"), Key("g", "{}"));
        Assert.Equal(CacheKey.ForFunction("f", TaskSpec.EmptyObject), CacheKey.ForFunction("f", default));
    }

    [Fact]
    public void Settings_that_do_not_change_the_result_do_not_change_the_key()
    {
        var a = new TaskSpec { Id = "a", Function = "f", Args = Json("[1]"), Priority = 5, Tags = ["x"], Timeout = TimeSpan.FromSeconds(1), Cache = false };
        var b = new TaskSpec { Id = "b", Function = "f", Args = Json("[1]") };
        Assert.Equal(CacheKey.For(a), CacheKey.For(b));
    }

    [Fact]
    public void Shell_tasks_without_inputs_are_not_cacheable()
    {
        Assert.Null(CacheKey.For(new TaskSpec { Id = "s", Kind = TaskKind.Shell, Command = "date" }));
        Assert.Null(CacheKey.For(new TaskSpec { Id = "s", Kind = TaskKind.Shell, Command = "date", Inputs = [] }));
    }

    [Fact]
    public void Shell_keys_cover_command_directory_environment_and_input_content()
    {
        using var dir = TempDir();
        dir.Write("in.txt", "hello");
        dir.Write("other.txt", "x");
        TaskSpec Shell(string command = "gzip -k in.txt", IReadOnlyDictionary<string, string>? env = null, IReadOnlyList<string>? inputs = null, string? wd = null) =>
            new() { Id = "s", Kind = TaskKind.Shell, Command = command, WorkingDirectory = wd ?? dir.Path, Environment = env, Inputs = inputs ?? ["in.txt"] };

        var key = CacheKey.For(Shell());
        Assert.Matches("^[0-9a-f]{64}$", key);
        Assert.Equal(key, CacheKey.For(Shell()));
        Assert.NotEqual(key, CacheKey.For(Shell(command: "gzip -9 -k in.txt")));
        Assert.NotEqual(key, CacheKey.For(Shell(env: new Dictionary<string, string> { ["A"] = "1" })));
        Assert.Equal(
            CacheKey.For(Shell(env: new Dictionary<string, string> { ["A"] = "1", ["B"] = "2" })),
            CacheKey.For(Shell(env: new Dictionary<string, string> { ["B"] = "2", ["A"] = "1" })));
        Assert.Equal(CacheKey.For(Shell(inputs: ["in.txt", "other.txt"])), CacheKey.For(Shell(inputs: ["other.txt", "in.txt"])));

        dir.Write("in.txt", "hello!");
        Assert.NotEqual(key, CacheKey.For(Shell()));
        dir.Write("in.txt", "hello");
        Assert.Equal(key, CacheKey.For(Shell()));
    }

    [Fact]
    public void A_missing_input_names_the_task_and_the_file()
    {
        using var dir = TempDir();
        var task = new TaskSpec { Id = "zip-1", Kind = TaskKind.Shell, Command = "gzip x", WorkingDirectory = dir.Path, Inputs = ["x"] };
        var e = Assert.Throws<FileNotFoundException>(() => CacheKey.For(task));
        Assert.StartsWith("task 'zip-1': cache input 'x' not found", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_tasks_are_refused()
    {
        Assert.Throws<ArgumentException>(() => CacheKey.For(new TaskSpec { Id = "f" }));
        Assert.Throws<ArgumentException>(() => CacheKey.For(new TaskSpec { Id = "s", Kind = TaskKind.Shell, Inputs = ["x"] }));
    }
}
