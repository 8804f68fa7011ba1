using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AkkaCompute.Compute.Execution;

/// <summary>
/// A canonical JSON form, so equal values give equal bytes: object properties sorted by name
/// (ordinal, UTF-16 code units; duplicates kept in their order), no whitespace, numbers rewritten
/// from their parsed value (integers as Int64 or UInt64, others as the shortest round-trip
/// Double, so <c>1.0</c>, <c>1e0</c> and <c>1</c> agree), strings with minimal escaping.
/// </summary>
public static class CanonicalJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = false,
    };

    /// <summary>The canonical UTF-8 bytes of <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is undefined (default).</exception>
    public static byte[] ToUtf8Bytes(JsonElement value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, value);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The canonical text of <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is undefined (default).</exception>
    public static string Serialize(JsonElement value) => Encoding.UTF8.GetString(ToUtf8Bytes(value));

    /// <summary>Writes the canonical form of <paramref name="value"/> to <paramref name="writer"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is undefined (default).</exception>
    public static void Write(Utf8JsonWriter writer, JsonElement value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in value.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.Number:
                WriteNumber(writer, value);
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(value.GetString());
                break;
            case JsonValueKind.True:
                writer.WriteBooleanValue(true);
                break;
            case JsonValueKind.False:
                writer.WriteBooleanValue(false);
                break;
            case JsonValueKind.Null:
                writer.WriteNullValue();
                break;
            default:
                throw new ArgumentException("an undefined JsonElement has no canonical form", nameof(value));
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, JsonElement value)
    {
        if (value.TryGetInt64(out var l))
        {
            writer.WriteNumberValue(l);
        }
        else if (value.TryGetUInt64(out var ul))
        {
            writer.WriteNumberValue(ul);
        }
        else if (value.TryGetDouble(out var d) && double.IsFinite(d))
        {
            if (d == Math.Floor(d) && d >= long.MinValue && d < long.MaxValue)
            {
                writer.WriteNumberValue((long)d);
            }
            else
            {
                writer.WriteNumberValue(d);
            }
        }
        else
        {
            writer.WriteRawValue(value.GetRawText(), skipInputValidation: true);
        }
    }
}
