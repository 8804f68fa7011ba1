using AkkaCompute.Compute.Node;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Compute.Tests.Node;

public class TaskSpecValidatorInputsTests
{
    [Fact]
    public void A_task_with_more_inputs_than_one_fingerprint_takes_is_refused_and_one_at_the_limit_is_not()
    {
        var atLimit = new TaskSpec { Id = "t", Function = "echo", Inputs = [.. Enumerable.Range(0, TaskSpecValidator.MaxInputs).Select(i => $"/in/{i}")] };
        Assert.Null(TaskSpecValidator.Validate(atLimit));
        var over = atLimit with { Inputs = [.. atLimit.Inputs!, "/in/one-more"] };
        Assert.Equal("task 't': 10001 inputs; at most 10000", TaskSpecValidator.Validate(over));
    }
}
