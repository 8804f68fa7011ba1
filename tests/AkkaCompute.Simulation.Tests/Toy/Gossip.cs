namespace AkkaCompute.Simulation.Tests.Toy;

/// <summary>The max-register protocol's only message: "my value is at least this".</summary>
public sealed record Gossip(long Value);
