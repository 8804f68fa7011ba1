namespace AkkaCompute.Simulation.Tests.Toy;

/// <summary>
/// A toy protocol: each node holds a max-register, starts from a value fixed by its id, and every
/// 100 ms pushes its value to one random peer; on receipt it keeps the larger value. Safety: a
/// node's value never decreases within an incarnation and never exceeds the global maximum.
/// Liveness: once the network heals, every node reaches the global maximum.
/// </summary>
public class MaxGossipNode : ISimulatedNode<Gossip>
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    public MaxGossipNode(NodeId id, long uid)
    {
        Id = id;
        Uid = uid;
        Value = InitialValue(id);
    }

    public NodeId Id { get; }

    public long Uid { get; }

    public long Value { get; protected set; }

    public int Received { get; private set; }

    public int Ticks { get; private set; }

    public int Starts { get; private set; }

    public static long InitialValue(NodeId id) => (id.Index * 7919L) % 10007;

    public static long GlobalMax(int nodeCount)
    {
        var max = 0L;
        for (var i = 0; i < nodeCount; i++)
        {
            max = Math.Max(max, InitialValue(new NodeId(i)));
        }

        return max;
    }

    public void OnStart(ISimContext<Gossip> context)
    {
        Starts++;
        context.SetTimer(TimeSpan.FromMilliseconds(context.Random.Next(100)), GossipTick.Instance);
    }

    public void OnMessage(ISimContext<Gossip> context, NodeId from, Gossip message)
    {
        Received++;
        Merge(message.Value);
    }

    public void OnTimer(ISimContext<Gossip> context, object tag)
    {
        Ticks++;
        if (context.NodeCount > 1)
        {
            var peer = context.Random.Next(context.NodeCount - 1);
            if (peer >= Id.Index)
            {
                peer++;
            }

            context.Send(new NodeId(peer), new Gossip(Value));
        }

        context.SetTimer(Interval, GossipTick.Instance);
    }

    protected virtual void Merge(long value)
    {
        if (value > Value)
        {
            Value = value;
        }
    }
}
