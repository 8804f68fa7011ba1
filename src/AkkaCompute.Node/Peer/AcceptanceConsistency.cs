namespace AkkaCompute.Node.Peer;

/// <summary>How many members must hold an accepted batch before its home acknowledges it (<c>akc.cluster.acceptance</c>).</summary>
public enum AcceptanceConsistency
{
    /// <summary>A majority of the members (Akka.DistributedData <c>WriteMajority</c>): the batch survives the loss of any one member.</summary>
    Majority,

    /// <summary>Only the home (<c>WriteLocal</c>); gossip spreads it after the acknowledgement, so a home that dies at once may lose it.</summary>
    Local,
}
