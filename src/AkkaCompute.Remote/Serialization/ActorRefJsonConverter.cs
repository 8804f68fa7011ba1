using System.Text.Json.Serialization;
using System.Text.Json;
using AkkaCompute.Actors;

namespace AkkaCompute.Remote.Serialization;

/// <summary>
/// Reads and writes one actor-reference type as its path string through <see cref="IActorRefResolver"/>; created by
/// <see cref="ActorRefJsonConverterFactory"/>. Null is handled by System.Text.Json itself (written and read as <c>null</c>).
/// </summary>
/// <typeparam name="T"><see cref="IActorRef"/> or a class implementing it.</typeparam>
internal sealed class ActorRefJsonConverter<T>(IActorRefResolver resolver) : JsonConverter<T>
    where T : class, IActorRef
{
    /// <inheritdoc />
    /// <exception cref="JsonException">The token is not a string, or the path resolves to a reference that is not a <typeparamref name="T"/>.</exception>
    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"An actor reference must be a JSON string holding its path, got {reader.TokenType}.");
        }

        var path = reader.GetString()!;
        var resolved = resolver.ResolveActorRef(path);
        return resolved as T
            ?? throw new JsonException($"Actor path '{path}' resolved to {resolved.GetType().Name}, which is not a {typeof(T).Name}.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(resolver.ToSerializationFormat(value));
}
