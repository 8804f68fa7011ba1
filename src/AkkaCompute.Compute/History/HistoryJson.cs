using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace AkkaCompute.Compute.History;

/// <summary>
/// JSON options for the journal of a node that runs a <c>HistoryActor</c> (AkkaCompute.Node): System.Text.Json's general
/// defaults with null properties left out, so either this or the default persistence serializer reads what the other
/// wrote, with the history's payloads (<see cref="TasksAccepted"/>, <see cref="TaskEventBatch"/>) served by
/// metadata generated at compile time instead of reflection: the history serializes every task and every lifecycle
/// event, and generated code does it two to three times faster. Any other type falls back to reflection.
/// </summary>
public static class HistoryJson
{
    /// <summary>The options the node's history serializer reads and writes journal rows with.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        // Null properties are left out (they read back as null), as in the generated context, whose fast path needs the same options.
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = JsonTypeInfoResolver.Combine(HistoryJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };
}

/// <summary>Generated System.Text.Json metadata of the history's journal payloads.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.General, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TasksAccepted))]
[JsonSerializable(typeof(TaskEventBatch))]
internal sealed partial class HistoryJsonContext : JsonSerializerContext;
