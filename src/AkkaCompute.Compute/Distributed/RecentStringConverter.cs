using System.Text.Json;
using System.Text.Json.Serialization;

namespace AkkaCompute.Compute.Distributed;

/// <summary>
/// Reads a JSON string as System.Text.Json does, but returns the same <see cref="string"/> instance for a value read recently
/// on the same thread (the <see cref="Capacity"/> distinct values used last). For the fields of <see cref="AcceptedTask"/> that a
/// whole batch shares (its home, first home, stamped clock head, job id): a replica holds every entry of every home for the
/// result retention time, and without this each entry kept four strings of its own (about 350 bytes) for the garbage
/// collector to walk. Also for a task's function name and client id (<see cref="Tasks.TaskSpec.Function"/>,
/// <see cref="Tasks.TaskSpec.ClientId"/>), which a whole batch usually shares. Writes the string unchanged.
/// </summary>
public sealed class RecentStringConverter : JsonConverter<string>
{
    /// <summary>Distinct values remembered per thread: 8.</summary>
    public const int Capacity = 8;

    /// <summary>This thread's recent values, most recently used first.</summary>
    [ThreadStatic]
    private static string?[]? _recent;

    /// <inheritdoc />
    /// <exception cref="JsonException">The value is not a JSON string.</exception>
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"expected a string, got {reader.TokenType}");
        }

        var recent = _recent ??= new string?[Capacity];
        var found = -1;
        for (var i = 0; i < recent.Length && recent[i] is not null; i++)
        {
            if (reader.ValueTextEquals(recent[i]))
            {
                found = i;
                break;
            }
        }

        // Least recently used out: a value read again moves to the front, so the values a batch shares stay while it is read.
        var value = found >= 0 ? recent[found]! : reader.GetString()!;
        Array.Copy(recent, 0, recent, 1, found >= 0 ? found : recent.Length - 1);
        recent[0] = value;
        return value;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
