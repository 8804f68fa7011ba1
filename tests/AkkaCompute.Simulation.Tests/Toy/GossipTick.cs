namespace AkkaCompute.Simulation.Tests.Toy;

/// <summary>The max-register protocol's periodic tick (a singleton).</summary>
public sealed class GossipTick
{
    public static readonly GossipTick Instance = new();

    private GossipTick()
    {
    }
}
