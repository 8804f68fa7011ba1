using System.Text.Json;
using System.Text.Json.Serialization;

namespace AkkaCompute.Cli.Commands;

/// <summary>How <c>--json</c> output is written: camelCase property names, enums as their names (e.g. <c>"Succeeded"</c>).</summary>
internal static class CliJson
{
    /// <summary>The options.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>One JSON document on one line.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
