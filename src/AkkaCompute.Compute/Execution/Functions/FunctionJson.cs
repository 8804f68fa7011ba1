using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AkkaCompute.Compute.Execution;

/// <summary>
/// The JSON settings compute functions bind and return with: camelCase property names when
/// writing, case-insensitive property names when reading, enums as camelCase strings, numbers only
/// from JSON numbers (a string "5" does not bind to an int), minimal escaping.
/// </summary>
public static class FunctionJson
{
    /// <summary>The shared, read-only serializer options.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>A JSON <c>null</c>, standalone (safe to keep).</summary>
    public static JsonElement Null { get; } = JsonDocument.Parse("null").RootElement.Clone();

    /// <summary>
    /// Serializes a function's return value: null (and an undefined <see cref="JsonElement"/>) to
    /// JSON null, a <see cref="JsonElement"/> to itself (cloned if it belongs to a document that
    /// may be disposed), anything else with <see cref="Options"/> using its runtime type.
    /// </summary>
    /// <exception cref="InvalidOperationException">The value cannot be written as JSON (e.g. NaN, a cycle, an unsupported type); names the function and the type.</exception>
    public static JsonElement ToElement(object? value, string functionName)
    {
        switch (value)
        {
            case null:
                return Null;
            case JsonElement element:
                return element.ValueKind == JsonValueKind.Undefined ? Null : element.Clone();
        }

        try
        {
            return JsonSerializer.SerializeToElement(value, value.GetType(), Options);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            throw new InvalidOperationException(
                $"function '{functionName}' returned a {value.GetType().Name} that cannot be serialized to JSON: {e.Message}", e);
        }
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            PropertyNameCaseInsensitive = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            NumberHandling = JsonNumberHandling.Strict,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
