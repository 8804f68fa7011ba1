using AkkaCompute.Compute.Workflows;
using static AkkaCompute.Compute.Tests.Workflows.GraphTasks;

namespace AkkaCompute.Compute.Tests.Workflows;

public class TaskGraphOrderTests
{
    [Fact]
    public void Dependencies_come_first_and_ready_tasks_keep_submission_order()
    {
        var tasks = new[]
        {
            T("reduce", """[{"$ref": "m1"}, {"$ref": "m2"}]"""),
            T("m2", "{}", "setup"),
            T("m1", "{}", "setup"),
            T("setup"),
            T("other"),
        };
        var order = TaskGraph.TopologicalOrder(tasks).Select(t => t.Id);
        Assert.Equal(["setup", "m2", "m1", "reduce", "other"], order);
    }

    [Fact]
    public void A_list_already_in_order_is_unchanged()
    {
        var tasks = new[] { T("a"), T("b", "{}", "a"), T("c"), T("d", "{}", "c", "b") };
        Assert.Equal(tasks, TaskGraph.TopologicalOrder(tasks));
    }

    [Fact]
    public void An_invalid_graph_cannot_be_ordered()
    {
        var e = Assert.Throws<TaskGraphException>(() => TaskGraph.TopologicalOrder([T("a", "{}", "b"), T("b", "{}", "a"), T("c", "{}", "zz")]));
        Assert.Equal(2, e.Errors.Count);
        Assert.Equal("task 'c': depends on unknown task 'zz'\ntask 'a': dependency cycle a -> b -> a (each task depends on the next)", e.Message);
    }
}
