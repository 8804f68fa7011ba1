namespace AkkaCompute.Actors;

/// <summary>
/// The queue behind a mailbox. Many threads enqueue; exactly one thread (the mailbox's run) dequeues.
/// </summary>
internal interface IMessageQueue
{
    /// <summary>Number of queued messages (may lag behind concurrent producers).</summary>
    int Count { get; }

    /// <summary>True when a dequeue would succeed.</summary>
    bool HasMessages { get; }

    /// <summary>Adds a message; false with a reason when the queue is at its limit.</summary>
    bool TryEnqueue(in Envelope envelope, out string? rejectReason);

    /// <summary>Removes the next message; false when empty. Single consumer only.</summary>
    bool TryDequeue(out Envelope envelope);
}
