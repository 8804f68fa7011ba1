namespace AkkaCompute.Simulation.Tests.Toy;

/// <summary>
/// Node 0 sends <c>count</c> probes to node 1 at start (all at virtual time 0); node 1 records
/// every probe's one-way delay and arrival order.
/// </summary>
public sealed class ProbeNode(NodeId id, int count) : ISimulatedNode<Ping>
{
    public List<TimeSpan> Delays { get; } = new();

    public List<int> ArrivalOrder { get; } = new();

    public void OnStart(ISimContext<Ping> context)
    {
        if (id.Index != 0)
        {
            return;
        }

        for (var i = 0; i < count; i++)
        {
            context.Send(new NodeId(1), new Ping(context.Now.Ticks, i));
        }
    }

    public void OnMessage(ISimContext<Ping> context, NodeId from, Ping message)
    {
        Delays.Add(context.Now - new TimeSpan(message.SentAtTicks));
        ArrivalOrder.Add(message.Number);
    }

    public void OnTimer(ISimContext<Ping> context, object tag)
    {
    }
}
