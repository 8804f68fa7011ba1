using System.Text.Json;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Compute.Tests.Workflows;

/// <summary>Task specs for pure tests of the workflow table.</summary>
public static class SpecHelpers
{
    public static JsonElement J(string json) => JsonDocument.Parse(json).RootElement.Clone();

    public static TaskSpec Fn(string id, string args = "{}", int priority = 0, int? maxRetries = null, TimeSpan? timeout = null, bool cache = false, params string[] dependsOn) =>
        new() { Id = id, Function = "echo", Args = J(args), Priority = priority, MaxRetries = maxRetries, Timeout = timeout, Cache = cache, DependsOn = dependsOn };
}
