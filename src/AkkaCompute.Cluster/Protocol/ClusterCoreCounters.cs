namespace AkkaCompute.Cluster.Protocol;

/// <summary>
/// What one <see cref="ClusterCore"/> has done since it was created: counts only, for statistics and tests. All start at 0.
/// </summary>
/// <param name="GossipsReceived">Gossip envelopes that were used (newer, older, same or merged).</param>
/// <param name="GossipsIgnored">Gossip envelopes and statuses not used: for another incarnation, from an unknown or unreachable sender, not containing this node, or before this node joined.</param>
/// <param name="GossipMerges">Received gossips with a conflicting (concurrent) version that were merged.</param>
/// <param name="MalformedDropped">Messages dropped because a field was missing or a gossip broke a structural invariant.</param>
/// <param name="OutboxDropped">Messages not queued because the outbox was full (<see cref="ClusterCoreOptions.OutboxMax"/>).</param>
/// <param name="JoinAttempts">Join requests this node sent (including retries).</param>
/// <param name="SplitBrainDecisions">Split-brain resolver decisions that downed at least one member.</param>
public readonly record struct ClusterCoreCounters(
    long GossipsReceived,
    long GossipsIgnored,
    long GossipMerges,
    long MalformedDropped,
    long OutboxDropped,
    long JoinAttempts,
    long SplitBrainDecisions);
