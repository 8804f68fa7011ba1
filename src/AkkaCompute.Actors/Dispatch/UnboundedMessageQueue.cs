namespace AkkaCompute.Actors;

/// <summary>
/// Lock-free multi-producer single-consumer FIFO queue (Dmitry Vyukov's intrusive MPSC node queue,
/// "Non-intrusive MPSC node-based queue", 1024cores.net). Enqueue is one atomic exchange; dequeue is
/// wait-free for the single consumer. A consumer may briefly see the queue empty while a producer is
/// between its exchange and its link; that producer then schedules the mailbox, so nothing is lost.
/// </summary>
internal class UnboundedMessageQueue : IMessageQueue
{
    private Node _head;
    private Node _tail;
    private int _count;

    public UnboundedMessageQueue()
    {
        _head = _tail = new Node();
    }

    public int Count => Volatile.Read(ref _count);

    public bool HasMessages => Volatile.Read(ref _tail.Next) is not null;

    public virtual bool TryEnqueue(in Envelope envelope, out string? rejectReason)
    {
        Enqueue(envelope);
        rejectReason = null;
        return true;
    }

    protected void Enqueue(in Envelope envelope)
    {
        Interlocked.Increment(ref _count);
        EnqueueReserved(envelope);
    }

    /// <summary>Links a node whose slot was already counted by <see cref="IncrementCount"/>.</summary>
    protected void EnqueueReserved(in Envelope envelope)
    {
        var node = new Node { Item = envelope };
        var previous = Interlocked.Exchange(ref _head, node);
        Volatile.Write(ref previous.Next, node);
    }

    protected int IncrementCount() => Interlocked.Increment(ref _count);

    protected void DecrementCount() => Interlocked.Decrement(ref _count);

    public bool TryDequeue(out Envelope envelope)
    {
        var tail = _tail;
        var next = Volatile.Read(ref tail.Next);
        if (next is null)
        {
            envelope = default;
            return false;
        }

        _tail = next;
        envelope = next.Item;
        next.Item = default;
        Interlocked.Decrement(ref _count);
        return true;
    }

    private sealed class Node
    {
        public Envelope Item;
        public Node? Next;
    }
}
