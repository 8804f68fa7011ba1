namespace AkkaCompute.Persistence;

/// <summary>Handlers by message type, tried in declaration order; the first whose type and predicate match handles the message.</summary>
internal sealed class TypedHandlers
{
    private readonly List<Func<object, bool>> _handlers = [];

    public void Add<T>(Action<T> handler, Predicate<T>? shouldHandle)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _handlers.Add(m =>
        {
            if (m is T t && (shouldHandle is null || shouldHandle(t)))
            {
                handler(t);
                return true;
            }

            return false;
        });
    }

    public void Add<T>(Func<T, bool> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _handlers.Add(m => m is T t && handler(t));
    }

    public bool Handle(object message)
    {
        foreach (var h in _handlers)
        {
            if (h(message))
            {
                return true;
            }
        }

        return false;
    }
}
