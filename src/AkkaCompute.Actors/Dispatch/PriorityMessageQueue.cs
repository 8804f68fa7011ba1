using AkkaCompute.Compute.Collections;

namespace AkkaCompute.Actors;

/// <summary>
/// A priority queue over <see cref="FibonacciHeap{TKey, TValue}"/>: lower priority values dequeue
/// first, equal priorities in arrival order (the heap is stable). Guarded by a lock, since a heap
/// is not a lock-free structure; bounded by <c>capacity</c> (overflow goes to dead letters).
/// </summary>
internal sealed class PriorityMessageQueue(Func<object, int> priorityGenerator, int capacity) : IMessageQueue
{
    private readonly FibonacciHeap<int, Envelope> _heap = new();
    private readonly Lock _lock = new();
    private volatile int _count;

    public int Count => _count;

    public bool HasMessages => _count > 0;

    public bool TryEnqueue(in Envelope envelope, out string? rejectReason)
    {
        var priority = priorityGenerator(envelope.Message);
        lock (_lock)
        {
            if (_heap.Count >= capacity)
            {
                rejectReason = $"mailbox full (capacity {capacity})";
                return false;
            }

            _heap.Insert(priority, envelope);
            _count = _heap.Count;
        }

        rejectReason = null;
        return true;
    }

    public bool TryDequeue(out Envelope envelope)
    {
        lock (_lock)
        {
            var ok = _heap.TryExtractMin(out _, out envelope);
            _count = _heap.Count;
            return ok;
        }
    }
}
