using AkkaCompute.Cluster.Protocol;

namespace AkkaCompute.Simulation.Cluster;

/// <summary>
/// One simulated cluster node: an <see cref="ISimulatedNode{TMessage}"/> around a <see cref="ClusterCore"/>. On start it creates the
/// core (address <c>akc.tcp://sim@n{i}:2552</c>, the incarnation's uid, seeds from <see cref="ClusterSimOptions"/>) and starts it;
/// it hands every delivered message to <see cref="ClusterCore.Receive"/> and calls <see cref="ClusterCore.Tick"/> every
/// <see cref="ClusterCore.TickInterval"/> (the first tick at a random phase, so nodes do not tick in lockstep); after each call it sends
/// the outbox. Once the core stopped (<see cref="ClusterCore.IsRemoved"/>) the node does nothing more and tells the run, whose
/// supervisor may restart it with a new uid.
/// </summary>
public sealed class ClusterSimNode : ISimulatedNode<ClusterMessage>
{
    private static readonly object TickTag = new();
    private readonly ClusterSimWorld _world;
    private bool _reportedStop;

    internal ClusterSimNode(ClusterSimWorld world, NodeId id, long uid)
    {
        _world = world;
        Id = id;
        Uid = uid;
    }

    /// <summary>This node's id.</summary>
    public NodeId Id { get; }

    /// <summary>This incarnation's uid.</summary>
    public long Uid { get; }

    /// <summary>The protocol state machine; null until the incarnation started.</summary>
    public ClusterCore? Core { get; private set; }

    /// <inheritdoc />
    public void OnStart(ISimContext<ClusterMessage> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Core = _world.CreateCore(Id, Uid, context.Incarnation, context.Random);
        Core.Start(context.Now);
        Flush(context);
        var tick = Core.TickInterval.Ticks;
        context.SetTimer(TimeSpan.FromTicks(context.Random.NextInt64(tick)), TickTag);
    }

    /// <inheritdoc />
    public void OnMessage(ISimContext<ClusterMessage> context, NodeId from, ClusterMessage message)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Core is null || Core.IsRemoved)
        {
            return;
        }

        Core.Receive(message, context.Now);
        Flush(context);
    }

    /// <inheritdoc />
    public void OnTimer(ISimContext<ClusterMessage> context, object tag)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Core is null || Core.IsRemoved)
        {
            return;
        }

        Core.Tick(context.Now);
        Flush(context);
        if (!Core.IsRemoved)
        {
            context.SetTimer(Core.TickInterval, TickTag);
        }
    }

    /// <summary>Sends what the core queued outside a callback (after an operator command), on the next callback.</summary>
    private void Flush(ISimContext<ClusterMessage> context)
    {
        foreach (var outbound in Core!.DrainOutbox())
        {
            if (_world.TryResolve(outbound.To, out var to))
            {
                context.Send(to, outbound.Message);
            }
        }

        if (Core.IsRemoved && !_reportedStop)
        {
            _reportedStop = true;
            _world.OnStopped(Id, Uid, context.Now);
        }
    }
}
