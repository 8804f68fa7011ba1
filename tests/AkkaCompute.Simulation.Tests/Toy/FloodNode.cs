namespace AkkaCompute.Simulation.Tests.Toy;

/// <summary>
/// Sends a <see cref="Ping"/> to every other node at start and then every <see cref="Period"/>;
/// counts what it receives per sender, and remembers the send time of everything received.
/// </summary>
public sealed class FloodNode(NodeId id, long uid) : ISimulatedNode<Ping>
{
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(20);
    private static readonly object Tick = new();
    private int number;

    public NodeId Id { get; } = id;

    public long Uid { get; } = uid;

    public long[] ReceivedFrom { get; private set; } = [];

    public int Ticks { get; private set; }

    public int Starts { get; private set; }

    public long EarliestSentAtTicks { get; private set; } = long.MaxValue;

    public void OnStart(ISimContext<Ping> context)
    {
        Starts++;
        ReceivedFrom = new long[context.NodeCount];
        Flood(context);
        context.SetTimer(Period, Tick);
    }

    public void OnMessage(ISimContext<Ping> context, NodeId from, Ping message)
    {
        ReceivedFrom[from.Index]++;
        EarliestSentAtTicks = Math.Min(EarliestSentAtTicks, message.SentAtTicks);
    }

    public void OnTimer(ISimContext<Ping> context, object tag)
    {
        Ticks++;
        Flood(context);
        context.SetTimer(Period, Tick);
    }

    private void Flood(ISimContext<Ping> context)
    {
        for (var i = 0; i < context.NodeCount; i++)
        {
            if (i != Id.Index)
            {
                context.Send(new NodeId(i), new Ping(context.Now.Ticks, number++));
            }
        }
    }
}
