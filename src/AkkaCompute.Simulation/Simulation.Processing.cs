using AkkaCompute.Simulation.Internal;

namespace AkkaCompute.Simulation;

/// <content>Running one dequeued event.</content>
public sealed partial class Simulation<TMessage>
{
    private long totalDelivered;
    private long totalTimersFired;
    private long totalBytesDelivered;
    private long totalDroppedPartition;
    private long totalDroppedNodeDown;
    private long messagesInFlight;

    private StepInfo Process(in SimEvent<TMessage> ev, long seq)
    {
        switch (ev.Kind)
        {
            case EventKind.Message:
                return Deliver(in ev, seq);
            case EventKind.Timer:
                return FireTimer(in ev, seq);
            case EventKind.Start:
                return StartNode(in ev, seq);
            case EventKind.Action:
                ((Action<Simulation<TMessage>>)ev.Tag!)(this);
                return Info(StepKind.ScheduledAction, -1, -1, seq, DropReason.None);
            default:
                ProcessFaultEvent(in ev);
                return Info(StepKind.Fault, -1, -1, seq, DropReason.None);
        }
    }

    private StepInfo Deliver(in SimEvent<TMessage> ev, long seq)
    {
        messagesInFlight--;
        var slot = slots[ev.To];
        if (!links.IsOpen(ev.From, ev.To))
        {
            counters[ev.From].Dropped++;
            totalDroppedPartition++;
            return Info(StepKind.MessageDropped, ev.From, ev.To, seq, DropReason.Partition);
        }

        if (!slot.Up || slot.Incarnation != ev.Incarnation)
        {
            counters[ev.From].Dropped++;
            totalDroppedNodeDown++;
            return Info(StepKind.MessageDropped, ev.From, ev.To, seq, DropReason.NodeDown);
        }

        ref var cell = ref counters[ev.To];
        cell.Received++;
        cell.BytesReceived += ev.Data;
        totalDelivered++;
        totalBytesDelivered += ev.Data;
        if (Options.MessageDigest is { } digest)
        {
            trace.Add(digest(ev.Message!));
        }

        active = slot.Context;
        slot.Node!.OnMessage(slot.Context!, new NodeId(ev.From), ev.Message!);
        active = null;
        return Info(StepKind.MessageDelivered, ev.From, ev.To, seq, DropReason.None);
    }

    private StepInfo FireTimer(in SimEvent<TMessage> ev, long seq)
    {
        var slot = slots[ev.To];
        if (!pendingTimers.Remove(ev.Data) || !slot.Up || slot.Incarnation != ev.Incarnation)
        {
            return Info(StepKind.Discarded, ev.To, ev.To, seq, DropReason.None);
        }

        counters[ev.To].TimersFired++;
        totalTimersFired++;
        active = slot.Context;
        slot.Node!.OnTimer(slot.Context!, ev.Tag!);
        active = null;
        return Info(StepKind.TimerFired, ev.To, ev.To, seq, DropReason.None);
    }

    private StepInfo StartNode(in SimEvent<TMessage> ev, long seq)
    {
        var slot = slots[ev.To];
        if (!slot.Up || slot.Incarnation != ev.Incarnation)
        {
            return Info(StepKind.Discarded, ev.To, ev.To, seq, DropReason.None);
        }

        active = slot.Context;
        slot.Node!.OnStart(slot.Context!);
        active = null;
        return Info(StepKind.NodeStarted, ev.To, ev.To, seq, DropReason.None);
    }

    private StepInfo Info(StepKind kind, int from, int to, long seq, DropReason reason) =>
        new(stepNumber, new TimeSpan(nowTicks), kind, new NodeId(from), new NodeId(to), seq, reason);

    /// <summary>A snapshot of the run's totals.</summary>
    public SimulationCounters Counters => new(
        stepNumber,
        totalSent,
        totalDelivered,
        totalDuplicated,
        totalDroppedLoss,
        totalDroppedPartition,
        totalDroppedNodeDown,
        messagesInFlight,
        totalTimersFired,
        totalBytesSent,
        totalBytesDelivered);
}
