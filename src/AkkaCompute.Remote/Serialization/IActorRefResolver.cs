using AkkaCompute.Actors;

namespace AkkaCompute.Remote.Serialization;

/// <summary>STUB.</summary>
public interface IActorRefResolver
{
    /// <summary>Stub.</summary>
    string ToSerializationFormat(IActorRef actorRef);

    /// <summary>Stub.</summary>
    IActorRef ResolveActorRef(string path);
}
