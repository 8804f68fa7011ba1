using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AkkaCompute.Compute.Workflows;

/// <summary>
/// Replaces the <c>$ref</c> objects in a task's arguments with the results they reference, just
/// before the task runs. <c>{"$ref": "a"}</c> becomes task a's whole result; <c>{"$ref": "a.x.0.y"}</c>
/// becomes the value at that dotted path in it: a segment selects an object property by exact name
/// or, on an array, the element at that 0-based index. Task ids may contain dots: the longest
/// dot-bounded prefix for which <c>resultOf</c> returns a result is the task.
/// </summary>
public static class RefResolver
{
    /// <summary>Writes text as written (no HTML escaping of quotes, '&lt;' or '+'), as it is data, not HTML.</summary>
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Resolves every reference in <paramref name="args"/>.</summary>
    /// <param name="args">The arguments (any JSON value).</param>
    /// <param name="resultOf">The result of a succeeded task by id, or null when there is none (unknown or not succeeded).</param>
    /// <returns>The arguments with every reference replaced; <paramref name="args"/> itself when it holds no <c>$ref</c>.</returns>
    /// <exception cref="RefResolutionException">A referenced task has no result, a path does not exist, or a <c>$ref</c> object is malformed.</exception>
    public static JsonElement Resolve(JsonElement args, Func<string, JsonElement?> resultOf)
    {
        ArgumentNullException.ThrowIfNull(resultOf);
        if (!RefScanner.ContainsReference(args)) return args;
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, args, resultOf);
        }
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    /// <summary>The value one reference stands for.</summary>
    /// <param name="target">The <c>$ref</c> text, e.g. <c>a</c> or <c>a.items.0</c>.</param>
    /// <param name="resultOf">As for <see cref="Resolve"/>.</param>
    /// <returns>The referenced value.</returns>
    /// <exception cref="RefResolutionException">No result for the task, or the path does not exist.</exception>
    public static JsonElement ResolveOne(string target, Func<string, JsonElement?> resultOf)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(resultOf);
        JsonElement? result = null;
        var (id, path) = RefScanner.Split(target, candidate => (result = resultOf(candidate)) is not null);
        if (result is null)
            throw new RefResolutionException(target, id, $"$ref '{target}': there is no result for task '{id}'");
        return path is null ? result.Value : Navigate(target, id, result.Value, path);
    }

    private static JsonElement Navigate(string target, string id, JsonElement value, string path)
    {
        var segments = path.Split('.');
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            var at = i == 0 ? "the top" : $"'{string.Join('.', segments.Take(i))}'";
            RefResolutionException Fail(string why) => new RefResolutionException(target, id, $"$ref '{target}': the result of task '{id}' {why}");
            switch (value.ValueKind)
            {
                case JsonValueKind.Object:
                    if (!value.TryGetProperty(segment, out var property)) throw Fail($"has no property '{segment}' at {at}");
                    value = property;
                    break;
                case JsonValueKind.Array:
                    if (!int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                        throw Fail($"has an array at {at}, which needs a 0-based index, not '{segment}'");
                    if (n >= value.GetArrayLength()) throw Fail($"has no element {n} at {at} (the array has {value.GetArrayLength()} elements)");
                    value = value[n];
                    break;
                default:
                    throw Fail($"has a {value.ValueKind.ToString().ToLowerInvariant()} at {at}, which has no '{segment}'");
            }
        }
        return value;
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element, Func<string, JsonElement?> resultOf)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object when element.TryGetProperty(RefScanner.RefKey, out var refValue):
                if (RefScanner.Malformation(element, refValue) is { } problem)
                    throw new RefResolutionException("", null, $"malformed $ref: {problem}");
                ResolveOne(refValue.GetString()!, resultOf).WriteTo(writer);
                break;
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value, resultOf);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray()) Write(writer, item, resultOf);
                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
