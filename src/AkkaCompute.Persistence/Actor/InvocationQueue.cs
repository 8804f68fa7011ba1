namespace AkkaCompute.Persistence;

/// <summary>
/// The pending handler invocations of a persistent actor, oldest first. Besides queue operations it can drop the newest
/// entries, to undo the Persist calls of a handler that threw. Not thread-safe.
/// </summary>
internal sealed class InvocationQueue
{
    private readonly List<PendingInvocation> _items = [];
    private int _head;

    public int Count => _items.Count - _head;

    public void Enqueue(PendingInvocation invocation) => _items.Add(invocation);

    /// <exception cref="InvalidOperationException">The queue is empty (the journal answered for a write it was not given).</exception>
    public PendingInvocation Peek() =>
        Count > 0 ? _items[_head] : throw new InvalidOperationException("no pending persist invocation (journal reply without a matching write)");

    /// <exception cref="InvalidOperationException">The queue is empty.</exception>
    public PendingInvocation Dequeue()
    {
        var item = Peek();
        _items[_head++] = default;
        if (_head == _items.Count)
        {
            _items.Clear();
            _head = 0;
        }
        else if (_head >= 1024 && _head * 2 >= _items.Count)
        {
            _items.RemoveRange(0, _head);
            _head = 0;
        }

        return item;
    }

    /// <summary>Drops the newest entries until <see cref="Count"/> is <paramref name="count"/>.</summary>
    public void TruncateTo(int count)
    {
        if (count < Count)
        {
            _items.RemoveRange(_head + count, Count - count);
        }
    }

    public void Clear()
    {
        _items.Clear();
        _head = 0;
    }
}
