using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using AkkaCompute.Compute.Workflows;
using AkkaCompute.Hosting.Hocon;

namespace AkkaCompute.Hosting.Jobs;

/// <summary>
/// Converts task arguments from HOCON to JSON. Strings stay strings (<c>"5"</c> is a string, <c>5</c>
/// a number), objects keep their key order. Two special objects: <c>{ "$ref" = "id.path" }</c> is
/// checked and kept as a reference (its origin is recorded for later error messages), and
/// <c>{ "$each" = "prefix" }</c> / <c>{ "$each" = "prefix.path" }</c> becomes a list of references to
/// every task the generator with that id prefix created, in generation order.
/// </summary>
internal sealed class HoconJson(JobErrors errors, IReadOnlyDictionary<string, IReadOnlyList<string>> generated)
{
    /// <summary>Writes text as written (no HTML escaping of quotes, '&lt;' or '+'), as it is data, not HTML.</summary>
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The key of a generator expansion: <c>$each</c>.</summary>
    public const string EachKey = "$each";

    /// <summary>The JSON form of <paramref name="value"/>, or null after recording errors.</summary>
    /// <param name="value">The HOCON value.</param>
    /// <param name="context">Message prefix, e.g. <c>task 'a'</c>.</param>
    /// <param name="refOrigins">Receives the origin of each <c>$ref</c> target (first occurrence).</param>
    public JsonElement? Convert(HoconValue value, string context, Dictionary<string, HoconOrigin> refOrigins)
    {
        var before = errors.Reported;
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, value, context, refOrigins);
        }
        if (errors.Reported != before) return null;
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private void Write(Utf8JsonWriter writer, HoconValue value, string context, Dictionary<string, HoconOrigin> refOrigins)
    {
        switch (value)
        {
            case HoconObject obj when obj.TryGetField(TaskGraph.RefKey, out var target):
                WriteRef(writer, obj, target, context, refOrigins);
                break;
            case HoconObject obj when obj.TryGetField(EachKey, out var target):
                WriteEach(writer, obj, target, context);
                break;
            case HoconObject obj:
                writer.WriteStartObject();
                foreach (var key in obj.Keys)
                {
                    obj.TryGetField(key, out var field);
                    writer.WritePropertyName(key);
                    Write(writer, field!, context, refOrigins);
                }
                writer.WriteEndObject();
                break;
            case HoconArray array:
                writer.WriteStartArray();
                foreach (var item in array.Items) Write(writer, item, context, refOrigins);
                writer.WriteEndArray();
                break;
            case HoconScalar { Type: HoconValueType.Number } number:
                writer.WriteRawValue(number.Text);
                break;
            case HoconScalar { Type: HoconValueType.Boolean } boolean:
                writer.WriteBooleanValue(boolean.Text == "true");
                break;
            case HoconScalar { IsNull: true }:
                writer.WriteNullValue();
                break;
            case HoconScalar text:
                writer.WriteStringValue(text.Text);
                break;
        }
    }

    private void WriteRef(Utf8JsonWriter writer, HoconObject obj, HoconValue target, string context, Dictionary<string, HoconOrigin> refOrigins)
    {
        var text = Target(obj, target, TaskGraph.RefKey, context);
        if (text is null)
        {
            writer.WriteNullValue(); // keeps the writer valid; the recorded error discards the result
            return;
        }
        refOrigins.TryAdd(text, target.Origin);
        writer.WriteStartObject();
        writer.WriteString(TaskGraph.RefKey, text);
        writer.WriteEndObject();
    }

    private void WriteEach(Utf8JsonWriter writer, HoconObject obj, HoconValue target, string context)
    {
        var text = Target(obj, target, EachKey, context);
        if (text is null)
        {
            writer.WriteNullValue();
            return;
        }
        var dot = text.IndexOf('.');
        var prefix = dot < 0 ? text : text[..dot];
        var suffix = dot < 0 ? "" : text[dot..];
        if (!generated.TryGetValue(prefix, out var ids))
        {
            var known = generated.Count == 0 ? "the job has no generators" : "generators: " + string.Join(", ", generated.Keys);
            errors.Add(target.Origin, $"{context}: $each '{text}' names no generator id-prefix '{prefix}' ({known})");
            writer.WriteNullValue();
            return;
        }
        writer.WriteStartArray();
        foreach (var id in ids)
        {
            writer.WriteStartObject();
            writer.WriteString(TaskGraph.RefKey, id + suffix);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private string? Target(HoconObject obj, HoconValue target, string key, string context)
    {
        if (obj.Count != 1)
        {
            var extra = obj.Keys.First(k => k != key);
            errors.Add(obj.Origin, $"{context}: a {key} object must have no other keys (found '{extra}'); write {{ \"{key}\" = \"a\" }}");
            return null;
        }
        if (target is not HoconScalar { Type: HoconValueType.String, Text.Length: > 0 } scalar)
        {
            errors.Add(target.Origin, $"{context}: the value of {key} must be a non-empty string such as \"a\" or \"a.path.0\"");
            return null;
        }
        var text = scalar.Text;
        if (text.StartsWith('.') || text.EndsWith('.') || text.Contains("..", StringComparison.Ordinal))
        {
            errors.Add(target.Origin, $"{context}: {key} '{text}' has an empty path segment");
            return null;
        }
        return text;
    }
}
