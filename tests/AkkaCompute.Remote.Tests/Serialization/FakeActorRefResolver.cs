using AkkaCompute.Remote.Serialization;

namespace AkkaCompute.Remote.Tests.Serialization;

/// <summary>Writes a reference's own path with uid and parses it back into a <see cref="FakeActorRef"/>; counts the calls.</summary>
internal sealed class FakeActorRefResolver : IActorRefResolver
{
    public int Written { get; private set; }

    public int Resolved { get; private set; }

    public string ToSerializationFormat(IActorRef actorRef)
    {
        Written++;
        return actorRef.Path.ToSerializationFormat();
    }

    public IActorRef ResolveActorRef(string path)
    {
        Resolved++;
        return new FakeActorRef(path);
    }
}
