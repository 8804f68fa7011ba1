namespace AkkaCompute.Actors;

/// <summary>
/// The MPSC queue with a capacity: an enqueue beyond <c>capacity</c> is refused, and the mailbox
/// sends the message to dead letters with the reason (no blocking of the sender).
/// </summary>
internal sealed class BoundedMessageQueue(int capacity) : UnboundedMessageQueue
{
    private readonly string _rejectReason = $"mailbox full (capacity {capacity})";

    public override bool TryEnqueue(in Envelope envelope, out string? rejectReason)
    {
        // Reserve a slot first so that concurrent producers never exceed the capacity.
        if (IncrementCount() > capacity)
        {
            DecrementCount();
            rejectReason = _rejectReason;
            return false;
        }

        EnqueueReserved(envelope);
        rejectReason = null;
        return true;
    }
}
