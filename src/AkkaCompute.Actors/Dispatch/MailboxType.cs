namespace AkkaCompute.Actors;

/// <summary>Chooses the queue behind an actor's mailbox (see <see cref="Props.WithMailbox"/>).</summary>
public abstract class MailboxType
{
    internal abstract IMessageQueue CreateQueue();
}

/// <summary>The default mailbox: unbounded, lock-free multi-producer single-consumer FIFO.</summary>
public sealed class UnboundedMailbox : MailboxType
{
    /// <summary>The shared instance.</summary>
    public static UnboundedMailbox Instance { get; } = new();

    internal override IMessageQueue CreateQueue() => new UnboundedMessageQueue();
}

/// <summary>
/// A FIFO mailbox holding at most <see cref="Capacity"/> messages. A message beyond the capacity
/// goes to dead letters with the reason <c>mailbox full (capacity N)</c>; the sender never blocks.
/// </summary>
public sealed class BoundedMailbox : MailboxType
{
    /// <summary>Creates the mailbox type.</summary>
    /// <param name="capacity">Maximum number of queued messages; at least 1.</param>
    /// <exception cref="ConfigurationException"><paramref name="capacity"/> is less than 1.</exception>
    public BoundedMailbox(int capacity)
    {
        if (capacity < 1)
        {
            throw new ConfigurationException("mailbox.capacity", capacity.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be at least 1");
        }

        Capacity = capacity;
    }

    /// <summary>Maximum number of queued messages.</summary>
    public int Capacity { get; }

    internal override IMessageQueue CreateQueue() => new BoundedMessageQueue(Capacity);
}

/// <summary>
/// A priority mailbox ordered by a Fibonacci heap (Fredman and Tarjan, 1987): the message with the
/// lowest value of <c>priorityGenerator</c> is processed first (as in Akka's UnboundedPriorityMailbox);
/// equal priorities keep arrival order. Holds at most <see cref="Capacity"/> messages (default
/// 1,000,000); overflow goes to dead letters.
/// </summary>
public class PriorityMailbox : MailboxType
{
    private readonly Func<object, int> _priorityGenerator;

    /// <summary>Creates the mailbox type.</summary>
    /// <param name="priorityGenerator">Maps a message to its priority; lower runs first. Must not throw.</param>
    /// <param name="capacity">Maximum number of queued messages; at least 1.</param>
    /// <exception cref="ConfigurationException"><paramref name="capacity"/> is less than 1.</exception>
    public PriorityMailbox(Func<object, int> priorityGenerator, int capacity = 1_000_000)
    {
        ArgumentNullException.ThrowIfNull(priorityGenerator);
        if (capacity < 1)
        {
            throw new ConfigurationException("mailbox.capacity", capacity.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be at least 1");
        }

        _priorityGenerator = priorityGenerator;
        Capacity = capacity;
    }

    /// <summary>Maximum number of queued messages.</summary>
    public int Capacity { get; }

    internal override IMessageQueue CreateQueue() => new PriorityMessageQueue(_priorityGenerator, Capacity);
}
