namespace AkkaCompute.Simulation.Internal;

/// <summary>The context of one node incarnation; forwards effects to its simulation.</summary>
internal sealed class SimContext<TMessage> : ISimContext<TMessage>
{
    private readonly Simulation<TMessage> simulation;

    public SimContext(Simulation<TMessage> simulation, NodeId self, long uid, int incarnation, Random random)
    {
        this.simulation = simulation;
        Self = self;
        Uid = uid;
        Incarnation = incarnation;
        Random = random;
    }

    public TimeSpan Now => simulation.Now;

    public NodeId Self { get; }

    public long Uid { get; }

    public int Incarnation { get; }

    public int NodeCount => simulation.NodeCount;

    public Random Random { get; }

    public void Send(NodeId to, TMessage message) => simulation.SendFrom(this, to, message);

    public TimerId SetTimer(TimeSpan delay, object tag) => simulation.SetTimerFor(this, delay, tag);

    public bool CancelTimer(TimerId timer) => simulation.CancelTimerFor(this, timer);
}
