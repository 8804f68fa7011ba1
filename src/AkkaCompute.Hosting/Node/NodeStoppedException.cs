namespace AkkaCompute.Hosting.Node;

/// <summary>
/// The node stopped for good while running: its PeerActor restarted more than <see cref="ComputeNode.PeerRestartLimit"/>
/// times within <see cref="ComputeNode.PeerRestartWindow"/> because its history journal kept failing (disk full, store
/// locked or damaged). Tasks accepted before are in the journal and resume when a node starts on the store again.
/// </summary>
public sealed class NodeStoppedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Why the node stopped, with the last journal failure when known.</param>
    public NodeStoppedException(string message)
        : base(message)
    {
    }
}
