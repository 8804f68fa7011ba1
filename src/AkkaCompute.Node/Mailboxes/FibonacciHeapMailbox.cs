using Akka.Actor;
using Akka.Event;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;

namespace AkkaCompute.Node.Mailboxes;

/// <summary>
/// Akka's mailbox extension point (<see cref="MailboxType"/>) for a <see cref="FibonacciHeapMessageQueue"/>: a subclass
/// says how messages are ordered (<see cref="KeyOf"/>), which count against the bound (<see cref="WeightOf"/>) and what
/// happens to one refused at the bound (<see cref="Refuse"/>). Named in HOCON by its type and used through
/// <c>Props.WithMailbox(path)</c>:
/// <code>
/// akc.scheduler.mailbox {
///   mailbox-type = "AkkaCompute.Node.Scheduling.SchedulerMailbox, AkkaCompute.Node"
///   mailbox-capacity = 1010000   # weight (tasks) queued at most; 1 to 2^31-1
/// }
/// </code>
/// </summary>
public abstract class FibonacciHeapMailbox : MailboxType, IProducesMessageQueue<FibonacciHeapMessageQueue>
{
    /// <summary>Created by Akka from the mailbox's configuration block.</summary>
    /// <param name="settings">The actor system's settings.</param>
    /// <param name="config">The mailbox block; <c>mailbox-capacity</c> (default 1,000,000) bounds the weight queued.</param>
    /// <exception cref="ConfigurationException"><c>mailbox-capacity</c> is not between 1 and <see cref="int.MaxValue"/>.</exception>
    protected FibonacciHeapMailbox(Settings settings, Config config)
        : base(settings, config)
    {
        Capacity = config.GetLong("mailbox-capacity", 1_000_000);
        if (Capacity is < 1 or > int.MaxValue)
        {
            throw new ConfigurationException($"mailbox-capacity = {Capacity}: must be between 1 and {int.MaxValue}");
        }
    }

    /// <summary>The most weight queued at once (<c>mailbox-capacity</c>).</summary>
    public long Capacity { get; }

    /// <summary>The message's key: smaller keys dequeue first; equal keys in arrival order.</summary>
    /// <param name="message">The message being queued.</param>
    public abstract long KeyOf(object message);

    /// <summary>How much of <see cref="Capacity"/> the message takes: 0 (the default) for messages that are never refused.</summary>
    /// <param name="message">The message being queued.</param>
    public virtual long WeightOf(object message) => 0;

    /// <summary>
    /// Answers a message refused because the queue is full. Runs on the sender's thread, outside the queue's lock. The
    /// default sends it to dead letters.
    /// </summary>
    /// <param name="envelope">The refused message and its sender.</param>
    /// <param name="receiver">The mailbox's actor.</param>
    public virtual void Refuse(Envelope envelope, IActorRef receiver)
    {
        if (receiver is IInternalActorRef local)
        {
            local.Provider.DeadLetters.Tell(new DeadLetter(envelope.Message, envelope.Sender, receiver), envelope.Sender);
        }
    }

    /// <inheritdoc />
    public override IMessageQueue Create(IActorRef owner, ActorSystem system) => new FibonacciHeapMessageQueue(this);
}
