using Akka.Actor;
using Akka.Configuration;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Node.Mailboxes;

namespace AkkaCompute.Node.Scheduling;

/// <summary>
/// The <see cref="SchedulerActor"/>'s mailbox (HOCON <c>akc.scheduler.mailbox</c>): a Fibonacci heap in which control
/// messages (cancels, attempt reports, re-prioritisations, ticks, queries) come before any task, and tasks
/// (<see cref="Enqueue"/>, <see cref="EnqueueAll"/>) come in priority order (higher <c>priority</c> first; an
/// <see cref="EnqueueAll"/> at its highest task's priority), FIFO among equals.
/// </summary>
/// <remarks>
/// The mailbox only orders what arrives; tasks wait in the actor's <see cref="Compute.Scheduling.ScheduleQueue"/>
/// (another Fibonacci heap), where aging and re-prioritising raise a task's priority with decrease-key.
/// <b>Bound:</b> <c>mailbox-capacity</c> tasks (an <see cref="EnqueueAll"/> weighs its task count); a task message that
/// would pass it is not queued, and its sender (the PeerActor) gets one <see cref="EnqueueRefused"/> per task with the
/// reason, so it keeps the tasks and offers them again when an attempt finishes.
/// </remarks>
public sealed class SchedulerMailbox : FibonacciHeapMailbox
{
    /// <summary>Control messages' key: before every task.</summary>
    public const long ControlKey = long.MinValue;

    /// <summary>Created by Akka from <c>akc.scheduler.mailbox</c>.</summary>
    /// <param name="settings">The actor system's settings.</param>
    /// <param name="config">The mailbox block (<c>mailbox-capacity</c>).</param>
    public SchedulerMailbox(Akka.Actor.Settings settings, Config config)
        : base(settings, config)
    {
    }

    /// <inheritdoc />
    public override long KeyOf(object message) => message switch
    {
        Enqueue e => -(long)e.Task.Spec.Priority,
        EnqueueAll all => -(long)MaxPriority(all),
        _ => ControlKey,
    };

    /// <inheritdoc />
    public override long WeightOf(object message) => message switch
    {
        Enqueue => 1,
        EnqueueAll all => all.Tasks.Count,
        _ => 0,
    };

    /// <inheritdoc />
    public override void Refuse(Akka.Actor.Envelope envelope, IActorRef receiver)
    {
        var reason = $"scheduler mailbox full ({Capacity} tasks, akc.scheduler.mailbox.mailbox-capacity in the node's node.conf)";
        switch (envelope.Message)
        {
            case Enqueue e:
                envelope.Sender.Tell(new EnqueueRefused(e.Task.Spec.Id, reason), receiver);
                break;
            case EnqueueAll all:
                foreach (var task in all.Tasks)
                {
                    envelope.Sender.Tell(new EnqueueRefused(task.Spec.Id, reason), receiver);
                }

                break;
            default:
                base.Refuse(envelope, receiver);
                break;
        }
    }

    private static int MaxPriority(EnqueueAll all)
    {
        var max = int.MinValue;
        foreach (var t in all.Tasks)
        {
            max = Math.Max(max, t.Spec.Priority);
        }

        return max;
    }
}
