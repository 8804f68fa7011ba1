namespace AkkaCompute.Actors;

/// <summary>A reference to an actor in this actor system; Tell enqueues in its mailbox.</summary>
public sealed class LocalActorRef : ActorRefBase
{
    private readonly ActorPath _path;

    internal LocalActorRef(ActorCell cell, ActorPath path)
    {
        Cell = cell;
        _path = path;
    }

    internal ActorCell Cell { get; }

    /// <inheritdoc />
    public override ActorPath Path => _path;

    /// <inheritdoc />
    public override bool IsTerminated => Cell.IsTerminated;

    /// <summary>Number of messages waiting in the mailbox (approximate under concurrency).</summary>
    public int NumberOfMessages => Cell.Mailbox.NumberOfMessages;

    /// <inheritdoc />
    public override void Tell(object message, IActorRef sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        Cell.Post(message, sender);
    }

    internal override void SendSystemMessage(SystemMessage message) => Cell.SendSystemMessage(message);

    internal override void Stop() => Cell.SendSystemMessage(new Terminate());

    internal override ActorRefBase? GetChild(string name) => Cell.GetChildByName(name);

    internal override ActorSystemImpl SystemImpl => Cell.SystemImpl;
}
