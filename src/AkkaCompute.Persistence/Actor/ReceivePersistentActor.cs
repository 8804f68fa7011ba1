using AkkaCompute.Actors;

namespace AkkaCompute.Persistence;

/// <summary>
/// A persistent actor that declares its handlers by type in its constructor (Akka's ReceivePersistentActor):
/// <c>Recover&lt;Added&gt;(e =&gt; _sum += e.Amount)</c> and <c>Command&lt;Add&gt;(c =&gt; Persist(new Added(c.Amount), e =&gt; _sum += e.Amount))</c>.
/// Handlers are tried in declaration order.
/// </summary>
public abstract class ReceivePersistentActor : PersistentActor
{
    private readonly MessageHandlers _recover = new();
    private readonly List<MessageHandlers> _commandStack;
    private MessageHandlers? _configuring;
    private bool _constructed;

    /// <summary>Creates the actor; declare handlers in the derived constructor.</summary>
    protected ReceivePersistentActor()
    {
        var initial = new MessageHandlers();
        _commandStack = [initial];
        _configuring = initial;
    }

    /// <summary>Handles commands of type <typeparamref name="T"/> (optionally only those matching <paramref name="shouldHandle"/>).</summary>
    /// <exception cref="IllegalActorStateException">Called outside the constructor or a <see cref="Become(Action)"/> block.</exception>
    protected void Command<T>(Action<T> handler, Predicate<T>? shouldHandle = null) => CommandTarget().Add(handler, shouldHandle);

    /// <summary>Handles commands of type <typeparamref name="T"/> for which <paramref name="shouldHandle"/> is true.</summary>
    /// <exception cref="IllegalActorStateException">Called outside the constructor or a <see cref="Become(Action)"/> block.</exception>
    protected void Command<T>(Predicate<T> shouldHandle, Action<T> handler) => CommandTarget().Add(handler, shouldHandle);

    /// <summary>Handles commands of type <typeparamref name="T"/>; return false to pass the command on.</summary>
    /// <exception cref="IllegalActorStateException">Called outside the constructor or a <see cref="Become(Action)"/> block.</exception>
    protected void Command<T>(Func<T, bool> handler) => CommandTarget().Add(handler);

    /// <summary>Handles every command not handled by an earlier handler.</summary>
    /// <exception cref="IllegalActorStateException">Called outside the constructor or a <see cref="Become(Action)"/> block.</exception>
    protected void CommandAny(Action<object> handler) => CommandTarget().Add(handler, null);

    /// <summary>Handles recovered messages of type <typeparamref name="T"/> (events, <see cref="SnapshotOffer"/>, <see cref="RecoveryCompleted"/>).</summary>
    /// <exception cref="IllegalActorStateException">Called outside the constructor.</exception>
    protected void Recover<T>(Action<T> handler, Predicate<T>? shouldHandle = null) => RecoverTarget().Add(handler, shouldHandle);

    /// <summary>Handles recovered messages of type <typeparamref name="T"/>; return false to pass the message on.</summary>
    /// <exception cref="IllegalActorStateException">Called outside the constructor.</exception>
    protected void Recover<T>(Func<T, bool> handler) => RecoverTarget().Add(handler);

    /// <summary>Handles every recovered message not handled by an earlier handler.</summary>
    /// <exception cref="IllegalActorStateException">Called outside the constructor.</exception>
    protected void RecoverAny(Action<object> handler) => RecoverTarget().Add(handler, null);

    /// <summary>Replaces the command handlers with those that <paramref name="configure"/> declares (recover handlers stay).</summary>
    protected void Become(Action configure) => _commandStack[^1] = Build(configure);

    /// <summary>Pushes the command handlers that <paramref name="configure"/> declares over the current ones.</summary>
    protected void BecomeStacked(Action configure) => _commandStack.Add(Build(configure));

    /// <summary>Returns to the previous command handlers; no effect on the initial ones.</summary>
    protected void UnbecomeStacked()
    {
        if (_commandStack.Count > 1)
        {
            _commandStack.RemoveAt(_commandStack.Count - 1);
        }
    }

    /// <inheritdoc />
    protected sealed override bool ReceiveCommand(object message)
    {
        Seal();
        return _commandStack[^1].Handle(message);
    }

    /// <inheritdoc />
    protected sealed override bool ReceiveRecover(object message)
    {
        Seal();
        return _recover.Handle(message);
    }

    private void Seal()
    {
        if (!_constructed)
        {
            _constructed = true;
            _configuring = null;
        }
    }

    private MessageHandlers Build(Action configure) => MessageHandlers.Build(configure, ref _configuring);

    private MessageHandlers CommandTarget() =>
        _configuring ?? throw new IllegalActorStateException("Command handlers can only be declared in the constructor or inside Become(...)");

    private MessageHandlers RecoverTarget() =>
        _constructed ? throw new IllegalActorStateException("Recover handlers can only be declared in the constructor") : _recover;
}
