namespace AkkaCompute.Compute.Memory;

/// <summary>
/// How many members a shared-memory read or write waits for, after Akka.DistributedData's consistency levels
/// (<c>ReadLocal</c>/<c>WriteLocal</c>, <c>ReadMajority</c>/<c>WriteMajority</c>, <c>ReadAll</c>/<c>WriteAll</c>).
/// </summary>
public enum MemoryConsistency
{
    /// <summary>This member's replica only: fastest; a write spreads to the others by gossip afterwards.</summary>
    Local,

    /// <summary>A majority of the members (N/2 + 1): a majority write followed by a majority read always sees it.</summary>
    Majority,

    /// <summary>Every member: fails when any member does not answer within the timeout.</summary>
    All,
}
