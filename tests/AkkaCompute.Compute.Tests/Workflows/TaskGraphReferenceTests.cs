using AkkaCompute.Compute.Workflows;
using static AkkaCompute.Compute.Tests.Workflows.GraphTasks;

namespace AkkaCompute.Compute.Tests.Workflows;

public class TaskGraphReferenceTests
{
    [Fact]
    public void References_are_found_in_named_and_positional_args_at_any_depth_then_depends_on()
    {
        var task = T("c", """[ {"$ref": "a"}, {"x": {"y": [1, {"$ref": "b.stdout"}]}}, {"$ref": "a"} ]""", "d", "a");
        Assert.Equal([("a", null), ("b", "stdout"), ("d", null)], TaskGraph.References(task));
    }

    [Fact]
    public void Without_known_ids_the_id_is_the_text_before_the_first_dot()
    {
        var task = T("c", """{"v": {"$ref": "a.items.0.x"}}""");
        Assert.Equal([("a", "items.0.x")], TaskGraph.References(task));
    }

    [Fact]
    public void With_known_ids_the_longest_prefix_that_names_a_task_wins()
    {
        var task = T("c", """{"v": {"$ref": "file-a.txt.count"}, "w": {"$ref": "file-a.txt"}}""");
        var known = new HashSet<string> { "file-a", "file-a.txt" };
        Assert.Equal([("file-a.txt", "count"), ("file-a.txt", null)], TaskGraph.References(task, known.Contains));
    }

    [Fact]
    public void A_ref_key_spelled_with_json_escapes_is_still_a_reference()
    {
        var task = T("c", """{"v": {"\u0024ref": "a"}, "w": [{"\u0024r\u0065f": "b.x"}]}""");
        Assert.Equal([("a", null), ("b", "x")], TaskGraph.References(task));
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""[]""")]
    [InlineData("""{"x": [1, 2, {"y": "ref"}], "z": "$re"}""")]
    public void Args_without_any_ref_key_have_no_references(string json)
    {
        Assert.Empty(TaskGraph.References(T("c", json)));
        Assert.Empty(TaskGraph.Validate([T("c", json)]));
    }

    [Fact]
    public void A_ref_text_inside_a_string_value_is_not_a_reference()
    {
        Assert.Empty(TaskGraph.References(T("c", """{"note": "see {\"$ref\": \"a\"}", "v": ["$ref"]}""")));
    }

    [Theory]
    [InlineData("""{"$ref": "a"}""", true, "a")]
    [InlineData("""{"$ref": "a.b.0"}""", true, "a.b.0")]
    [InlineData("""{"$ref": "a", "x": 1}""", false, "")]
    [InlineData("""{"$ref": 5}""", false, "")]
    [InlineData("""{"$ref": ""}""", false, "")]
    [InlineData("""{"$ref": "a..b"}""", false, "")]
    [InlineData("""{"ref": "a"}""", false, "")]
    [InlineData("""["$ref", "a"]""", false, "")]
    public void A_reference_is_exactly_one_ref_key_with_a_non_empty_string(string json, bool expected, string target)
    {
        Assert.Equal(expected, TaskGraph.IsReference(Json(json), out var t));
        Assert.Equal(target, t);
    }

    [Fact]
    public void Malformed_refs_are_not_references_but_are_reported_by_validate()
    {
        var tasks = new[] { T("a"), T("b", """{"x": {"$ref": "a", "extra": 1}}""") };
        Assert.Empty(TaskGraph.References(tasks[1]));
        var error = Assert.Single(TaskGraph.Validate(tasks));
        Assert.Equal(TaskGraphErrorKind.MalformedReference, error.Kind);
        Assert.Equal("b", error.TaskId);
        Assert.Contains("must have no other keys (found 'extra')", error.Message);
    }
}
