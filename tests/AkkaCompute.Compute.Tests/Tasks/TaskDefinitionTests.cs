using System.Text.Json;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Compute.Tests.Tasks;

public class TaskDefinitionTests
{
    private static readonly TaskSpec Shell = new()
    {
        Id = "t",
        Kind = TaskKind.Shell,
        Command = "gzip -c x",
        WorkingDirectory = "/tmp",
        Environment = new Dictionary<string, string> { ["A"] = "1", ["B"] = "2" },
        Inputs = ["x"],
        DependsOn = ["p", "q"],
    };

    private static JsonElement J(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Fact]
    public void Args_compare_canonically_and_scheduling_fields_are_ignored()
    {
        var a = new TaskSpec { Id = "t", Function = "echo", Args = J("""{"b":1.0,"a":[1,2]}"""), Priority = 1, Timeout = TimeSpan.FromSeconds(1), MaxRetries = 0, Tags = ["x"] };
        var b = new TaskSpec { Id = "t", Function = "echo", Args = J("""{ "a": [1, 2], "b": 1 }"""), Priority = 9, Timeout = TimeSpan.FromSeconds(9), MaxRetries = 5, Cache = false };
        Assert.True(TaskDefinition.Same(a, b));
        Assert.False(TaskDefinition.Same(a, b with { Args = J("""{"a":[2,1],"b":1}""") }));
        Assert.False(TaskDefinition.Same(a, b with { Function = "sum" }));
    }

    [Fact]
    public void Shell_parts_that_decide_the_result_are_compared()
    {
        var env = new Dictionary<string, string> { ["B"] = "2", ["A"] = "1" };
        Assert.True(TaskDefinition.Same(Shell, Shell with { Environment = env, DependsOn = ["q", "p"] }));
        Assert.False(TaskDefinition.Same(Shell, Shell with { Command = "gzip -9c x" }));
        Assert.False(TaskDefinition.Same(Shell, Shell with { WorkingDirectory = "/var" }));
        Assert.False(TaskDefinition.Same(Shell, Shell with { Environment = new Dictionary<string, string> { ["A"] = "1" } }));
        Assert.False(TaskDefinition.Same(Shell, Shell with { Inputs = ["y"] }));
        Assert.False(TaskDefinition.Same(Shell, Shell with { DependsOn = ["p"] }));
        Assert.False(TaskDefinition.Same(Shell, Shell with { Kind = TaskKind.Function, Function = "noop" }));
    }
}
