namespace AkkaCompute.Cluster;

/// <summary>The outcome of <see cref="GossipReceiver.Receive"/>.</summary>
/// <param name="Gossip">The receiver's new gossip; its old one when <paramref name="Outcome"/> is Ignored or Older.</param>
/// <param name="Outcome">How the gossip was handled.</param>
/// <param name="Talkback">Whether the receiver should gossip back to the sender (the sender has not seen the result).</param>
/// <param name="IgnoredReason">Why it was ignored, for the log; null otherwise.</param>
public sealed record GossipReceiveResult(Gossip Gossip, GossipReceiveOutcome Outcome, bool Talkback, string? IgnoredReason = null);
