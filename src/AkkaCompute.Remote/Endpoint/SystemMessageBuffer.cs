using AkkaCompute.Remote.Wire;

namespace AkkaCompute.Remote.Endpoint;

/// <summary>
/// The sending side of reliable system-message delivery to one peer incarnation, after Akka Artery's
/// <c>SystemMessageDelivery</c>: every DeathWatch message (Watch, Unwatch, DeathWatchNotification) gets the next sequence
/// number (1, 2, ...) and stays here until the peer acknowledges it (a cumulative <see cref="SystemAck"/>), so that a
/// message written to a connection that then broke is sent again on the next connection; the receiver drops duplicates by
/// number (<see cref="SystemMessageSequence"/>). Heartbeats are not sequenced: losing one is what the failure detector is for.
/// Pure and thread-safe (one lock); O(1) per message, O(k) per acknowledgement of k messages.
/// </summary>
internal sealed class SystemMessageBuffer(int capacity)
{
    private readonly Lock _lock = new();
    private readonly Queue<WireFrame> _unacked = new();
    private ulong _nextSeq = 1;

    /// <summary>Messages sent or waiting and not yet acknowledged.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _unacked.Count;
            }
        }
    }

    /// <summary>
    /// Numbers <paramref name="envelope"/> (sets its <c>Seq</c>) and keeps its frame until acknowledged; returns the frame to
    /// send, or null when <c>capacity</c> messages already wait (the caller reports the overflow).
    /// </summary>
    public WireFrame? Add(SystemEnvelope envelope)
    {
        lock (_lock)
        {
            if (_unacked.Count >= capacity)
            {
                return null;
            }

            envelope.Seq = _nextSeq++;
            var frame = new WireFrame { System = envelope };
            _unacked.Enqueue(frame);
            return frame;
        }
    }

    /// <summary>The peer has every message up to <paramref name="seq"/>: forgets them. Returns how many were forgotten.</summary>
    public int Acknowledge(ulong seq)
    {
        lock (_lock)
        {
            var removed = 0;
            while (_unacked.TryPeek(out var first) && first.System.Seq <= seq)
            {
                _unacked.Dequeue();
                removed++;
            }

            return removed;
        }
    }

    /// <summary>Every unacknowledged frame, oldest first (to send again on a new connection).</summary>
    public IReadOnlyList<WireFrame> Unacknowledged()
    {
        lock (_lock)
        {
            return _unacked.ToArray();
        }
    }

    /// <summary>
    /// The peer is a new incarnation (a new uid): what was meant for the old one is dropped (its watchers learn of the old
    /// incarnation's end through quarantine) and numbering starts again at 1, as the new incarnation expects.
    /// </summary>
    public void Reset()
    {
        lock (_lock)
        {
            _unacked.Clear();
            _nextSeq = 1;
        }
    }
}
