using AkkaCompute.Actors;

namespace AkkaCompute.Cluster.Protocol;

/// <summary>
/// A message of the membership protocol between cluster nodes (Akka's InternalClusterAction / GossipEnvelope /
/// ClusterHeartbeat messages). Every one is an immutable record that names its sender, so that the pure
/// <c>ClusterCore</c> can be driven the same way by the real daemon (over remoting) and by the simulator.
/// </summary>
public abstract record ClusterMessage;

/// <summary>Asks a seed node whether it is part of a cluster that can be joined (sent to every seed when joining).</summary>
/// <param name="From">The joining node.</param>
public sealed record InitJoin(UniqueAddress From) : ClusterMessage;

/// <summary>A seed's answer to <see cref="InitJoin"/>: it is a member and can be joined.</summary>
/// <param name="From">The answering seed.</param>
public sealed record InitJoinAck(UniqueAddress From) : ClusterMessage;

/// <summary>A seed's answer to <see cref="InitJoin"/>: it is not (yet) a member.</summary>
/// <param name="From">The answering seed.</param>
public sealed record InitJoinNack(UniqueAddress From) : ClusterMessage;

/// <summary>A node asks a member to add it to the cluster.</summary>
/// <param name="Node">The joining node.</param>
/// <param name="Roles">Its roles.</param>
public sealed record Join(UniqueAddress Node, IReadOnlySet<string> Roles) : ClusterMessage;

/// <summary>The reply to <see cref="Join"/>: the joining node is in the members and gets the current gossip.</summary>
/// <param name="From">The member that added it.</param>
/// <param name="Gossip">The gossip that contains the new member (Joining).</param>
public sealed record Welcome(UniqueAddress From, Gossip Gossip) : ClusterMessage;

/// <summary>A full gossip state sent to <paramref name="To"/> (dropped when <paramref name="To"/> is another incarnation).</summary>
/// <param name="From">The sender.</param>
/// <param name="To">The intended receiver, with its uid.</param>
/// <param name="Gossip">The sender's latest gossip.</param>
public sealed record GossipEnvelope(UniqueAddress From, UniqueAddress To, Gossip Gossip) : ClusterMessage;

/// <summary>Only the version of the sender's gossip (and its seen set); the receiver replies with its gossip when it is newer or different.</summary>
/// <param name="From">The sender.</param>
/// <param name="To">The intended receiver.</param>
/// <param name="Version">The sender's gossip version.</param>
/// <param name="Seen">The sender's gossip seen set.</param>
public sealed record GossipStatus(UniqueAddress From, UniqueAddress To, VectorClock Version, IReadOnlySet<UniqueAddress> Seen) : ClusterMessage;

/// <summary>A heartbeat from a monitoring node to a monitored one (Akka's ClusterHeartbeatSender.Heartbeat).</summary>
/// <param name="From">The monitoring node.</param>
/// <param name="SequenceNr">Increments per heartbeat sent by <paramref name="From"/>.</param>
public sealed record Heartbeat(UniqueAddress From, long SequenceNr) : ClusterMessage;

/// <summary>The monitored node's reply to a <see cref="Heartbeat"/>; it feeds the monitor's phi-accrual failure detector.</summary>
/// <param name="From">The monitored node.</param>
/// <param name="SequenceNr">The heartbeat's sequence number.</param>
public sealed record HeartbeatRsp(UniqueAddress From, long SequenceNr) : ClusterMessage;

/// <summary>A request (from an operator or the member itself) that <paramref name="Address"/> leaves gracefully.</summary>
/// <param name="Address">The member to move to Leaving.</param>
public sealed record Leave(Address Address) : ClusterMessage;

/// <summary>A request (from an operator or the split-brain resolver) to mark <paramref name="Address"/> Down.</summary>
/// <param name="Address">The member to down.</param>
public sealed record Down(Address Address) : ClusterMessage;

/// <summary>An Exiting member confirms to the leader that it saw its own Exiting status and is shutting down.</summary>
/// <param name="Node">The exiting member.</param>
public sealed record ExitingConfirmed(UniqueAddress Node) : ClusterMessage;

/// <summary>A message of the protocol addressed to a node by address (its uid may still be unknown, e.g. a seed).</summary>
/// <param name="To">The receiving node's address.</param>
/// <param name="Message">The message.</param>
public sealed record ClusterOutbound(Address To, ClusterMessage Message);
