namespace AkkaCompute.Actors;

/// <summary>
/// An actor that declares its handlers by message type in its constructor (Akka's ReceiveActor):
/// <c>Receive&lt;Ping&gt;(p =&gt; Sender.Tell(new Pong()))</c>. Handlers are tried in the order they
/// were declared; the first whose type (and predicate) matches handles the message.
/// </summary>
public abstract class ReceiveActor : ActorBase
{
    private MessageHandlers _initial = new();
    private MessageHandlers? _configuring;
    private bool _constructed;

    /// <summary>Creates the actor; declare handlers in the derived constructor.</summary>
    protected ReceiveActor()
    {
        _configuring = _initial;
    }

    /// <summary>Handles messages of type <typeparamref name="T"/> (optionally only those matching <paramref name="shouldHandle"/>).</summary>
    /// <exception cref="IllegalActorStateException">Called outside the constructor or a <see cref="Become(Action)"/> block.</exception>
    protected void Receive<T>(Action<T> handler, Predicate<T>? shouldHandle = null) =>
        Target().Add(new SyncHandler<T>(handler, shouldHandle));

    /// <summary>Handles messages of type <typeparamref name="T"/> for which <paramref name="shouldHandle"/> is true.</summary>
    /// <exception cref="IllegalActorStateException">Called outside the constructor or a <see cref="Become(Action)"/> block.</exception>
    protected void Receive<T>(Predicate<T> shouldHandle, Action<T> handler) =>
        Target().Add(new SyncHandler<T>(handler, shouldHandle));

    /// <summary>Handles messages of type <typeparamref name="T"/>; returns false from <paramref name="handler"/> to pass the message on.</summary>
    protected void Receive<T>(Func<T, bool> handler) =>
        Target().Add(new FuncHandler<T>(handler));

    /// <summary>
    /// Handles messages of type <typeparamref name="T"/> asynchronously. The actor takes no other
    /// ordinary message until the task completes, so message order is kept; continuations run on the
    /// actor's turn, where <see cref="ActorBase.Self"/>, <see cref="ActorBase.Sender"/> and the context stay valid.
    /// A faulted task fails the actor like a thrown exception.
    /// </summary>
    protected void ReceiveAsync<T>(Func<T, Task> handler, Predicate<T>? shouldHandle = null) =>
        Target().Add(new AsyncHandler<T>(handler, shouldHandle));

    /// <summary>Handles every message not handled by an earlier handler.</summary>
    protected void ReceiveAny(Action<object> handler) =>
        Target().Add(new SyncHandler<object>(handler, null));

    /// <summary>Handles every message not handled by an earlier handler, asynchronously.</summary>
    protected void ReceiveAnyAsync(Func<object, Task> handler) =>
        Target().Add(new AsyncHandler<object>(handler, null));

    /// <summary>Replaces the behaviour with the handlers that <paramref name="configure"/> declares.</summary>
    protected void Become(Action configure) => Context.Become(Build(configure).Handle);

    /// <summary>Pushes the handlers that <paramref name="configure"/> declares over the current behaviour.</summary>
    protected void BecomeStacked(Action configure) => Context.BecomeStacked(Build(configure).Handle);

    /// <summary>Returns to the previous behaviour.</summary>
    protected void UnbecomeStacked() => Context.Unbecome();

    /// <inheritdoc />
    protected sealed override bool Receive(object message)
    {
        if (!_constructed)
        {
            _constructed = true;
            _configuring = null;
        }

        return _initial.Handle(message);
    }

    private MessageHandlers Build(Action configure) => MessageHandlers.Build(configure, ref _configuring);

    private MessageHandlers Target() =>
        _configuring ?? throw new IllegalActorStateException("Receive handlers can only be declared in the constructor or inside Become(...)");
}
