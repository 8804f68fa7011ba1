namespace AkkaCompute.Remote.Endpoint;

/// <summary>What the receiving side does with a numbered system message (see <see cref="SystemMessageSequence"/>).</summary>
internal enum SystemMessageVerdict
{
    /// <summary>The next in order: deliver it.</summary>
    Deliver,

    /// <summary>Already delivered (sent again after a reconnect): drop it, acknowledge again.</summary>
    Duplicate,

    /// <summary>A number after a missing one: drop it; the sender sends the missing ones again, then this one.</summary>
    Gap,
}

/// <summary>
/// The receiving side of reliable system-message delivery from one sender incarnation (address and uid): delivers each
/// sequence number once and in order, after Akka Artery's <c>SystemMessageAcker</c>. The reply to every message is a
/// cumulative acknowledgement of <see cref="LastDelivered"/>. Pure and thread-safe; O(1).
/// </summary>
internal sealed class SystemMessageSequence
{
    private readonly Lock _lock = new();
    private ulong _last;

    /// <summary>The highest number delivered so far (every number up to it was delivered); 0 before the first.</summary>
    public ulong LastDelivered
    {
        get
        {
            lock (_lock)
            {
                return _last;
            }
        }
    }

    /// <summary>Judges the message numbered <paramref name="seq"/> (at least 1); a <see cref="SystemMessageVerdict.Deliver"/> counts it as delivered.</summary>
    public SystemMessageVerdict Accept(ulong seq)
    {
        lock (_lock)
        {
            if (seq <= _last)
            {
                return SystemMessageVerdict.Duplicate;
            }

            if (seq != _last + 1)
            {
                return SystemMessageVerdict.Gap;
            }

            _last = seq;
            return SystemMessageVerdict.Deliver;
        }
    }
}
