namespace AkkaCompute.Cluster;

/// <summary>How a received gossip was handled by <see cref="GossipReceiver.Receive"/>, as Akka's <c>ReceiveGossipType</c>.</summary>
public enum GossipReceiveOutcome
{
    /// <summary>Not used: from an unknown or unreachable sender, or not containing the receiver.</summary>
    Ignored,

    /// <summary>The received version is older than the local one; the local gossip is kept.</summary>
    Older,

    /// <summary>The received version is newer; it replaces the local gossip.</summary>
    Newer,

    /// <summary>Same version; the seen sets are united.</summary>
    Same,

    /// <summary>Concurrent versions; they were merged.</summary>
    Merged,
}
