namespace AkkaCompute.Remote.Tests.Serialization;

/// <summary>A reference with a path and no mailbox; equal to another when path and uid are equal.</summary>
internal sealed class FakeActorRef(ActorPath path) : MinimalActorRef
{
    public FakeActorRef(string path)
        : this(ActorPath.Parse(path))
    {
    }

    public override ActorPath Path { get; } = path;

    public override void Tell(object message, IActorRef sender)
    {
    }
}
