namespace AkkaCompute.Compute.History;

/// <summary>
/// Published on the actor system's event stream when the <c>HistoryActor</c> (AkkaCompute.Node) stops because its journal failed
/// (a write or the recovery): the node can no longer record tasks, and its PeerActor restarts (see
/// <c>ComputeNode</c> for the limit). Lets a node's owner tell its user why.
/// </summary>
/// <param name="Reason">What failed, e.g. <c>writing the history journal failed: database or disk is full</c>.</param>
public sealed record HistoryJournalFailed(string Reason);
