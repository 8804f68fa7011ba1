namespace AkkaCompute.Simulation.Tests.Toy;

/// <summary>A seeded bug: takes any received value, so its value can go down (the safety checker must catch it).</summary>
public sealed class BuggyMaxGossipNode(NodeId id, long uid) : MaxGossipNode(id, uid)
{
    protected override void Merge(long value) => Value = value;
}
