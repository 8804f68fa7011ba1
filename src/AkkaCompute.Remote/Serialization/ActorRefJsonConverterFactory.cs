using System.Text.Json.Serialization;
using System.Text.Json;
using AkkaCompute.Actors;

namespace AkkaCompute.Remote.Serialization;

/// <summary>
/// Makes System.Text.Json write every <see cref="IActorRef"/> (a property, a collection element, a value typed as the
/// interface or as a concrete reference class) as its path string from <see cref="IActorRefResolver.ToSerializationFormat"/>
/// and read it back with <see cref="IActorRefResolver.ResolveActorRef"/>. Null references stay JSON <c>null</c>.
/// </summary>
internal sealed class ActorRefJsonConverterFactory(IActorRefResolver resolver) : JsonConverterFactory
{
    /// <inheritdoc />
    public override bool CanConvert(Type typeToConvert) => typeof(IActorRef).IsAssignableFrom(typeToConvert);

    /// <inheritdoc />
    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(ActorRefJsonConverter<>).MakeGenericType(typeToConvert), resolver)!;
}
