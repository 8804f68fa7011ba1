using System.Text.Json;
using System.Text.Json.Serialization;

namespace AkkaCompute.Compute.Tasks;

/// <summary>
/// Reads a JSON value into a <see cref="JsonElement"/> as System.Text.Json does (<see cref="JsonElement.ParseValue"/>), except
/// that an empty object reads back as the one shared <see cref="TaskSpec.EmptyObject"/>. A node holds every task it knows
/// (replicas, history, the scheduler), each read from the wire, and most tasks' arguments and many results are <c>{}</c>:
/// each such read would otherwise keep a <see cref="JsonDocument"/> and two arrays alive for the task's lifetime, which the
/// garbage collector has to walk. Writes the value unchanged.
/// </summary>
public sealed class SharedEmptyObjectConverter : JsonConverter<JsonElement>
{
    /// <inheritdoc />
    public override JsonElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            var peek = reader;
            if (peek.Read() && peek.TokenType == JsonTokenType.EndObject)
            {
                reader.Read();
                return TaskSpec.EmptyObject;
            }
        }

        return JsonElement.ParseValue(ref reader);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, JsonElement value, JsonSerializerOptions options) => value.WriteTo(writer);
}

/// <summary>
/// <see cref="SharedEmptyObjectConverter"/> for an optional value (<see cref="TaskResult.Output"/>): JSON null reads back as
/// null, as System.Text.Json reads it into a <c>JsonElement?</c>; a null value is written as JSON null.
/// </summary>
public sealed class SharedEmptyOptionalObjectConverter : JsonConverter<JsonElement?>
{
    private static readonly SharedEmptyObjectConverter Inner = new();

    /// <inheritdoc />
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override JsonElement? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : Inner.Read(ref reader, typeof(JsonElement), options);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, JsonElement? value, JsonSerializerOptions options)
    {
        if (value is { } element)
        {
            element.WriteTo(writer);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

/// <summary>
/// Reads a JSON array of strings into a list, except that an empty array reads back as the one shared empty array
/// (<see cref="Array.Empty{T}"/>) instead of a new <see cref="List{T}"/> per task: a task's <c>dependsOn</c>, <c>tags</c> and
/// <c>requires</c> are mostly empty, and a node holds every task it knows. Writes the list as a JSON array.
/// </summary>
/// <exception cref="JsonException">The value is not an array of strings (thrown on read).</exception>
public sealed class SharedEmptyStringListConverter : JsonConverter<IReadOnlyList<string>>
{
    /// <inheritdoc />
    public override IReadOnlyList<string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"expected an array of strings, got {reader.TokenType}");
        }

        List<string>? items = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var item = reader.TokenType == JsonTokenType.String
                ? reader.GetString()!
                : throw new JsonException($"expected a string in the array, got {reader.TokenType}");
            (items ??= []).Add(item);
        }

        return items is null ? Array.Empty<string>() : items;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var item in value)
        {
            writer.WriteStringValue(item);
        }

        writer.WriteEndArray();
    }
}
