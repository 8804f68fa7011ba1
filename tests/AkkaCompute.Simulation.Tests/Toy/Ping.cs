namespace AkkaCompute.Simulation.Tests.Toy;

/// <summary>A probe message carrying its send time (ticks of virtual time) and a per-sender sequence number.</summary>
public sealed record Ping(long SentAtTicks, int Number);
