using Akka.Actor;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;
using AkkaCompute.Compute.Collections;

namespace AkkaCompute.Node.Mailboxes;

/// <summary>
/// A message queue over the <see cref="FibonacciHeap{TKey, TValue}"/> (Fredman and Tarjan, 1987): the smallest key
/// (from <see cref="FibonacciHeapMailbox.KeyOf"/>) dequeues first, equal keys in arrival order (the heap's insertion
/// sequence breaks ties, so the order is stable FIFO). Guarded by a lock: a heap is not a lock-free structure.
/// </summary>
/// <remarks>
/// <b>Bound.</b> Messages for which <see cref="FibonacciHeapMailbox.WeightOf"/> is positive (work items, e.g. tasks)
/// count against <see cref="Capacity"/>; others (control messages: cancels, reports, ticks) never do and are never
/// refused. A weighted message that would take the queue past its capacity is not queued: the mailbox's
/// <see cref="FibonacciHeapMailbox.Refuse"/> answers its sender (so nothing is lost silently), and the refusal is
/// counted in <see cref="Refused"/>.
/// </remarks>
public sealed class FibonacciHeapMessageQueue : IMessageQueue
{
    private readonly FibonacciHeap<long, (Envelope Envelope, long Weight)> _heap = new();
    private readonly Lock _lock = new();
    private readonly FibonacciHeapMailbox _type;
    private long _weight;
    private volatile int _count;
    private long _refused;

    /// <summary>Creates an empty queue ordered and bounded by <paramref name="type"/>.</summary>
    /// <param name="type">The mailbox type: keys, weights, capacity and how refusals are answered.</param>
    public FibonacciHeapMessageQueue(FibonacciHeapMailbox type) => _type = type;

    /// <summary>The most weight (e.g. tasks) queued at once; from the mailbox's <c>mailbox-capacity</c>.</summary>
    public long Capacity => _type.Capacity;

    /// <summary>Weighted messages refused at the bound since the queue was created.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <inheritdoc />
    public bool HasMessages => _count > 0;

    /// <inheritdoc />
    public int Count => _count;

    /// <inheritdoc />
    public void Enqueue(IActorRef receiver, Envelope envelope)
    {
        var weight = _type.WeightOf(envelope.Message);
        var key = _type.KeyOf(envelope.Message);
        lock (_lock)
        {
            if (weight > 0 && _weight + weight > _type.Capacity)
            {
                _refused++;
            }
            else
            {
                _heap.Insert(key, (envelope, weight));
                _weight += weight;
                _count = _heap.Count;
                return;
            }
        }

        _type.Refuse(envelope, receiver);
    }

    /// <inheritdoc />
    public bool TryDequeue(out Envelope envelope)
    {
        lock (_lock)
        {
            if (!_heap.TryExtractMin(out _, out var entry))
            {
                envelope = default;
                return false;
            }

            envelope = entry.Envelope;
            _weight -= entry.Weight; // as counted when it was queued: WeightOf runs once per message
            _count = _heap.Count;
            return true;
        }
    }

    /// <inheritdoc />
    public void CleanUp(IActorRef owner, IMessageQueue deadletters)
    {
        while (TryDequeue(out var envelope))
        {
            deadletters.Enqueue(owner, envelope);
        }
    }
}
