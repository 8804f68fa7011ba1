using AkkaCompute.Actors;

namespace AkkaCompute.Remote.Serialization;

/// <summary>
/// Converts actor references to and from their wire form. The remoting layer implements it; serializers use it for every
/// <see cref="IActorRef"/> inside a message.
/// </summary>
public interface IActorRefResolver
{
    /// <summary>
    /// The full path of <paramref name="actorRef"/> with the network address of its system and its incarnation uid,
    /// e.g. <c>akc.tcp://sys@127.0.0.1:2552/user/a#12</c>. A local reference gets this system's external address.
    /// </summary>
    /// <param name="actorRef">A non-null reference.</param>
    /// <returns>The path text; never null or empty.</returns>
    string ToSerializationFormat(IActorRef actorRef);

    /// <summary>
    /// Resolves a path produced by <see cref="ToSerializationFormat"/> back to a reference: a local one when the address is
    /// this system's, otherwise a remote one. An unknown local actor (or text that is not a path) should resolve to a
    /// reference that sends to dead letters rather than throw; an implementation that throws makes the payload fail with
    /// <see cref="SerializationFailedException"/> (reason InvalidPayload).
    /// </summary>
    /// <param name="path">The path text from the wire, e.g. <c>akc.tcp://sys@127.0.0.1:2552/user/a#12</c>.</param>
    /// <returns>The reference; never null.</returns>
    IActorRef ResolveActorRef(string path);
}
