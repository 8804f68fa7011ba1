namespace AkkaCompute.Simulation.Internal;

/// <summary>The simulator's record of one node id: its current incarnation and whether it is up.</summary>
internal sealed class NodeSlot<TMessage>
{
    public ISimulatedNode<TMessage>? Node;
    public SimContext<TMessage>? Context;
    public bool Up;
    public int Incarnation;
    public long Uid;
}
