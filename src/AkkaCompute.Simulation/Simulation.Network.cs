using AkkaCompute.Simulation.Internal;

namespace AkkaCompute.Simulation;

/// <content>Sends and timers on behalf of node contexts.</content>
public sealed partial class Simulation<TMessage>
{
    private long totalSent;
    private long totalDuplicated;
    private long totalDroppedLoss;
    private long totalBytesSent;

    /// <summary>True if a message sent now from <paramref name="from"/> to <paramref name="to"/> would pass the partitions (it may still be lost at random).</summary>
    /// <param name="from">The sender.</param>
    /// <param name="to">The target.</param>
    /// <returns>Whether the directed link is open.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A node is not a node of this simulation.</exception>
    public bool IsLinkOpen(NodeId from, NodeId to)
    {
        Slot(from);
        Slot(to);
        return links.IsOpen(from.Index, to.Index);
    }

    internal void SendFrom(SimContext<TMessage> context, NodeId to, TMessage message)
    {
        CheckActive(context);
        if ((uint)to.Index >= (uint)slots.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, $"must be a node of this simulation (n0 to n{slots.Length - 1})");
        }

        if (message is null)
        {
            throw new ArgumentNullException(nameof(message));
        }

        var from = context.Self.Index;
        var bytes = 0;
        if (Options.MessageSizeBytes is { } size)
        {
            bytes = size(message);
            if (bytes < 0)
            {
                throw new InvalidOperationException($"MessageSizeBytes returned {bytes} for {message}; sizes must be >= 0.");
            }
        }

        ref var cell = ref counters[from];
        cell.Sent++;
        cell.BytesSent += bytes;
        totalSent++;
        totalBytesSent += bytes;

        var target = slots[to.Index];
        if (!target.Up)
        {
            cell.Dropped++;
            totalDroppedNodeDown++;
            return;
        }

        if (!links.IsOpen(from, to.Index))
        {
            cell.Dropped++;
            totalDroppedPartition++;
            return;
        }

        var network = Options.Network;
        if (network.LossProbability > 0 && networkRandom.NextDouble() < network.LossProbability)
        {
            cell.Dropped++;
            totalDroppedLoss++;
            return;
        }

        var copies = 1;
        if (network.DuplicationProbability > 0 && networkRandom.NextDouble() < network.DuplicationProbability)
        {
            copies = 2;
            cell.Duplicated++;
            totalDuplicated++;
        }

        var latency = network.Latency;
        if (network.LinkLatency is { } perLink && perLink(context.Self, to) is { } linkLatency)
        {
            linkLatency.Validate("Network.LinkLatency(" + context.Self + ", " + to + ")");
            latency = linkLatency;
        }

        for (var copy = 0; copy < copies; copy++)
        {
            var delay = latency.SampleTicks(networkRandom);
            if (network.ReorderProbability > 0 && networkRandom.NextDouble() < network.ReorderProbability)
            {
                delay += (long)(networkRandom.NextDouble() * network.ReorderDelayMsMax * TimeSpan.TicksPerMillisecond);
            }

            Enqueue(nowTicks + delay, new SimEvent<TMessage>(EventKind.Message, from, to.Index, target.Incarnation, bytes, message, null));
            messagesInFlight++;
        }
    }

    internal TimerId SetTimerFor(SimContext<TMessage> context, TimeSpan delay, object tag)
    {
        CheckActive(context);
        if (delay < TimeSpan.Zero || delay > SimulationLimits.DelayMax)
        {
            throw new ArgumentOutOfRangeException(nameof(delay), delay, $"must be between 0 and {SimulationLimits.DelayMax}");
        }

        ArgumentNullException.ThrowIfNull(tag);
        var id = ++nextTimerId;
        var self = context.Self.Index;
        Enqueue(nowTicks + delay.Ticks, new SimEvent<TMessage>(EventKind.Timer, self, self, context.Incarnation, id, default, tag));
        pendingTimers.Add(id, self);
        return new TimerId(id);
    }

    internal bool CancelTimerFor(SimContext<TMessage> context, TimerId timer)
    {
        CheckActive(context);
        if (!pendingTimers.TryGetValue(timer.Value, out var owner) || owner != context.Self.Index)
        {
            return false;
        }

        return pendingTimers.Remove(timer.Value);
    }

    private void CheckActive(SimContext<TMessage> context)
    {
        if (!ReferenceEquals(active, context))
        {
            throw new InvalidOperationException(
                $"{context.Self} (incarnation {context.Incarnation}) used its context outside its own OnStart/OnMessage/OnTimer call; sends and timers are only allowed there.");
        }
    }
}
