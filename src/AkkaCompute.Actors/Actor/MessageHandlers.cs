namespace AkkaCompute.Actors;

/// <summary>Handlers by message type, tried in declaration order (shared by ReceiveActor and ReceivePersistentActor).</summary>
internal sealed class MessageHandlers
{
    private MessageHandler[] _handlers = [];

    /// <summary>
    /// Runs <paramref name="configure"/> with <paramref name="configuring"/> pointing at a new set, so that the
    /// Receive/Command calls inside it add to that set, then restores the previous target and returns the set.
    /// </summary>
    public static MessageHandlers Build(Action configure, ref MessageHandlers? configuring)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var set = new MessageHandlers();
        var previous = configuring;
        configuring = set;
        try
        {
            configure();
        }
        finally
        {
            configuring = previous;
        }

        return set;
    }

    public void Add(MessageHandler handler)
    {
        Array.Resize(ref _handlers, _handlers.Length + 1);
        _handlers[^1] = handler;
    }

    public void Add<T>(Action<T> handler, Predicate<T>? shouldHandle)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Add(new SyncHandler<T>(handler, shouldHandle));
    }

    public void Add<T>(Func<T, bool> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Add(new FuncHandler<T>(handler));
    }

    public bool Handle(object message)
    {
        foreach (var h in _handlers)
        {
            if (h.TryHandle(message))
            {
                return true;
            }
        }

        return false;
    }
}

internal abstract class MessageHandler
{
    public abstract bool TryHandle(object message);
}

internal sealed class SyncHandler<T>(Action<T> action, Predicate<T>? predicate) : MessageHandler
{
    public override bool TryHandle(object message)
    {
        if (message is T t && (predicate is null || predicate(t)))
        {
            action(t);
            return true;
        }

        return false;
    }
}

internal sealed class FuncHandler<T>(Func<T, bool> func) : MessageHandler
{
    public override bool TryHandle(object message) => message is T t && func(t);
}

internal sealed class AsyncHandler<T>(Func<T, Task> func, Predicate<T>? predicate) : MessageHandler
{
    public override bool TryHandle(object message)
    {
        if (message is T t && (predicate is null || predicate(t)))
        {
            Run(t);
            return true;
        }

        return false;
    }

    // Apart from TryHandle so that the closure is allocated for a handled message only, not for every message tried.
    private void Run(T message) => ActorCell.Current!.RunAsync(() => func(message));
}
