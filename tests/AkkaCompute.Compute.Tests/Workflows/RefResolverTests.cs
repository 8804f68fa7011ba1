using System.Text.Json;
using AkkaCompute.Compute.Workflows;
using static AkkaCompute.Compute.Tests.Workflows.GraphTasks;

namespace AkkaCompute.Compute.Tests.Workflows;

public class RefResolverTests
{
    private static readonly Dictionary<string, string> Results = new()
    {
        ["a"] = """{"items": [10, {"x": "deep"}], "n": 3}""",
        ["b"] = """{"exitCode": 0, "stdout": "hello\n", "stderr": ""}""",
        ["file-a.txt"] = """{"count": 7}""",
        ["s"] = "\"plain\"",
    };

    private static JsonElement Resolve(string args) => RefResolver.Resolve(Json(args), id => Lookup(id, Results));

    [Fact]
    public void Whole_results_and_sub_paths_replace_refs_in_positional_and_named_args()
    {
        var resolved = Resolve("""[ {"$ref": "a.n"}, {"$ref": "b.stdout"}, {"k": {"$ref": "a.items.1.x"}}, {"$ref": "s"}, 5 ]""");
        Assert.Equal("""[3,"hello\n",{"k":"deep"},"plain",5]""", resolved.GetRawText());
        Assert.Equal("""{"all":{"items":[10,{"x":"deep"}],"n":3},"first":10}""", Resolve("""{"all": {"$ref": "a"}, "first": {"$ref": "a.items.0"}}""").GetRawText());
    }

    [Fact]
    public void Args_without_refs_are_returned_unchanged()
    {
        var args = Json("""{"x": [1, 2, {"y": null}]}""");
        Assert.Equal(args.GetRawText(), RefResolver.Resolve(args, _ => throw new InvalidOperationException("not called")).GetRawText());
    }

    [Fact]
    public void Dotted_task_ids_resolve_by_longest_prefix()
    {
        Assert.Equal("7", Resolve("""{"$ref": "file-a.txt.count"}""").GetRawText());
    }

    [Theory]
    [InlineData("zz", "$ref 'zz': there is no result for task 'zz'")]
    [InlineData("zz.x", "$ref 'zz.x': there is no result for task 'zz'")]
    [InlineData("a.nope", "$ref 'a.nope': the result of task 'a' has no property 'nope' at the top")]
    [InlineData("a.items.5", "$ref 'a.items.5': the result of task 'a' has no element 5 at 'items' (the array has 2 elements)")]
    [InlineData("a.items.x", "$ref 'a.items.x': the result of task 'a' has an array at 'items', which needs a 0-based index, not 'x'")]
    [InlineData("a.n.x", "$ref 'a.n.x': the result of task 'a' has a number at 'n', which has no 'x'")]
    [InlineData("a.items.-1", "$ref 'a.items.-1': the result of task 'a' has an array at 'items', which needs a 0-based index, not '-1'")]
    public void Missing_results_and_paths_fail_with_a_clear_message(string target, string message)
    {
        var e = Assert.Throws<RefResolutionException>(() => Resolve("{\"v\": {\"$ref\": \"" + target + "\"}}"));
        Assert.Equal(message, e.Message);
        Assert.Equal(target, e.Reference);
    }

    [Fact]
    public void A_malformed_ref_fails()
    {
        var e = Assert.Throws<RefResolutionException>(() => Resolve("""[{"$ref": "a", "b": 1}]"""));
        Assert.Contains("malformed $ref", e.Message);
    }
}
