using AkkaCompute.Compute.Workflows;
using static AkkaCompute.Compute.Tests.Workflows.GraphTasks;

namespace AkkaCompute.Compute.Tests.Workflows;

public class TaskGraphValidateTests
{
    [Fact]
    public void A_valid_graph_has_no_errors()
    {
        var tasks = new[] { T("a"), T("b", """{"x": {"$ref": "a"}}"""), T("c", "[]", "a", "b") };
        Assert.Empty(TaskGraph.Validate(tasks));
        Assert.Null(TaskGraph.FindCycle(tasks));
    }

    [Fact]
    public void Unknown_refs_and_depends_on_are_reported_with_the_task_and_the_reference()
    {
        var tasks = new[] { T("a", """{"x": {"$ref": "zz.out"}}"""), T("b", "{}", "nope") };
        var errors = TaskGraph.Validate(tasks);
        Assert.Equal(2, errors.Count);
        Assert.Equal((TaskGraphErrorKind.UnknownReference, "a", "zz.out", false), (errors[0].Kind, errors[0].TaskId, errors[0].Reference, errors[0].FromDependsOn));
        Assert.Equal("task 'a': $ref to unknown task 'zz' (in 'zz.out')", errors[0].ToString());
        Assert.Equal((TaskGraphErrorKind.UnknownReference, "b", "nope", true), (errors[1].Kind, errors[1].TaskId, errors[1].Reference, errors[1].FromDependsOn));
        Assert.Equal("task 'b': depends on unknown task 'nope'", errors[1].ToString());
    }

    [Fact]
    public void Duplicate_and_invalid_ids_are_reported()
    {
        var errors = TaskGraph.Validate([T("a"), T("a"), T("has space"), T(".x")]);
        Assert.Equal([TaskGraphErrorKind.DuplicateId, TaskGraphErrorKind.InvalidId, TaskGraphErrorKind.InvalidId], errors.Select(e => e.Kind));
        Assert.Contains("contains ' '", errors[1].Message);
        Assert.Contains("starts with '.'", errors[2].Message);
    }

    [Fact]
    public void A_cycle_is_reported_with_its_path_from_the_earliest_task()
    {
        var tasks = new[] { T("x"), T("a", "{}", "b"), T("b", """{"v": {"$ref": "c"}}"""), T("c", "{}", "a") };
        var error = Assert.Single(TaskGraph.Validate(tasks));
        Assert.Equal(TaskGraphErrorKind.Cycle, error.Kind);
        Assert.Equal(["a", "b", "c", "a"], error.Cycle);
        Assert.Equal("task 'a': dependency cycle a -> b -> c -> a (each task depends on the next)", error.ToString());
        Assert.Equal(["a", "b", "c", "a"], TaskGraph.FindCycle(tasks));
    }

    [Fact]
    public void A_self_reference_is_a_cycle()
    {
        Assert.Equal(["a", "a"], TaskGraph.FindCycle([T("a", """{"v": {"$ref": "a.x"}}""")]));
    }

    [Fact]
    public void Each_independent_cycle_is_reported_once()
    {
        var tasks = new[] { T("a", "{}", "b"), T("b", "{}", "a"), T("c", "{}", "d"), T("d", "{}", "e"), T("e", "{}", "c", "a") };
        var errors = TaskGraph.Validate(tasks);
        Assert.Equal([["a", "b", "a"], ["c", "d", "e", "c"]], errors.Select(e => e.Cycle!.ToArray()));
    }

    [Fact]
    public void Errors_stop_at_the_limit()
    {
        var tasks = Enumerable.Range(0, 20).Select(i => T($"t{i}", "{}", "missing")).ToArray();
        Assert.Equal(5, TaskGraph.Validate(tasks, maxErrors: 5).Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => TaskGraph.Validate(tasks, 0));
    }

    [Fact]
    public void A_chain_of_a_hundred_thousand_tasks_does_not_overflow_the_stack()
    {
        const int n = 100_000;
        var tasks = Enumerable.Range(0, n).Select(i => i == 0 ? T("t0") : T($"t{i}", "{}", $"t{i - 1}")).ToList();
        Assert.Empty(TaskGraph.Validate(tasks));
        tasks[0] = T("t0", "{}", $"t{n - 1}");
        var cycle = TaskGraph.FindCycle(tasks);
        Assert.NotNull(cycle);
        Assert.Equal(n + 1, cycle.Count);
        Assert.Equal("t0", cycle[0]);
        Assert.Equal($"t{n - 1}", cycle[1]);
    }
}
