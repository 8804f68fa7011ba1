using System.Text.Json;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Compute.Tests.Workflows;

/// <summary>Builds tasks for graph tests.</summary>
internal static class GraphTasks
{
    public static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    public static TaskSpec T(string id, string args = "{}", params string[] dependsOn) =>
        new() { Id = id, Function = "noop", Args = Json(args), DependsOn = dependsOn };

    public static JsonElement? Lookup(string id, Dictionary<string, string> results) =>
        results.TryGetValue(id, out var json) ? Json(json) : null;
}
