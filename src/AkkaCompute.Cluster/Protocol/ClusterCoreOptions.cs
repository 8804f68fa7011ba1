using System.Globalization;
using AkkaCompute.Actors;

namespace AkkaCompute.Cluster.Protocol;

/// <summary>
/// The replaceable part of the leader's duties: given the node's view and the inputs from outside the gossip, return what
/// <see cref="LeaderActions.Compute"/> would. See <see cref="ClusterCoreOptions.LeaderActions"/>.
/// </summary>
/// <param name="state">The leader candidate's view.</param>
/// <param name="options">The inputs that are not in the gossip.</param>
/// <returns>The new gossip (stamped and seen by the leader when changed) and whether it changed.</returns>
public delegate LeaderActionsResult LeaderActionsFunction(MembershipState state, LeaderActionsOptions options);

/// <summary>
/// Settings of <see cref="ClusterCore"/> that are not in <see cref="ClusterSettings"/>: Akka's <c>seed-node-timeout</c> and
/// <c>failure-detector.expected-response-after</c>, the gossip target preference, the wall clock for tombstones, invariant
/// checking, and the limits of the outbox and the event log. <see cref="Default"/> is Akka's behaviour.
/// </summary>
public sealed record ClusterCoreOptions
{
    /// <summary>Every default.</summary>
    public static ClusterCoreOptions Default { get; } = new();

    /// <summary>
    /// Check <see cref="MembershipInvariants.CheckTransition"/> after every change of the node's gossip and throw
    /// <see cref="InvariantViolationException"/> on a violation (a bug, never an expected condition). O(n) per change for n members.
    /// Default: on in Debug builds, off in Release; tests and the simulator turn it on.
    /// </summary>
    public bool CheckInvariants { get; init; } = DefaultCheckInvariants;

    /// <summary>
    /// <c>akc.cluster.seed-node-timeout</c>: a joining node that got no <see cref="InitJoinAck"/> sends <see cref="InitJoin"/> to
    /// the seed nodes again after this long; the first seed node joins itself after this long when no other seed acknowledged it
    /// (see <see cref="FirstSeedNodeJoinsSelfAfterTimeout"/>), and counts an <see cref="InitJoinNack"/> only for this long.
    /// Default 5 s (Akka); 10 ms to 1 hour.
    /// </summary>
    public TimeSpan SeedNodeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Whether the first seed node forms a new cluster (joins itself) when no other seed answered within
    /// <see cref="SeedNodeTimeout"/>, as Akka's <c>FirstSeedNodeProcess</c>. When false it forms one only once every other seed
    /// answered <see cref="InitJoinNack"/> within <see cref="SeedNodeTimeout"/> (all alive, none in a cluster), and otherwise keeps
    /// asking: a restarted first seed that cannot reach the others then never starts a second cluster beside the running one
    /// (an island that never merges), at the price of waiting for a seed that is down. Default true (Akka).
    /// </summary>
    public bool FirstSeedNodeJoinsSelfAfterTimeout { get; init; } = true;

    /// <summary>
    /// <c>akc.cluster.failure-detector.expected-response-after</c>: when a newly monitored node has not answered its first
    /// heartbeat after this long, its failure detector starts anyway, so that a node that never answers is detected. Default 1 s
    /// (Akka); 1 ms to 1 hour.
    /// </summary>
    public TimeSpan ExpectedResponseAfter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// <c>akc.cluster.gossip-different-view-probability</c>: the chance, per gossip round, of preferring a member that has not seen
    /// the latest version. Default 0.8 (Akka); 0 to 1.
    /// </summary>
    public double GossipDifferentViewProbability { get; init; } = 0.8;

    /// <summary>
    /// <c>akc.cluster.reduce-gossip-different-view-probability</c>: above this many members the preference of
    /// <see cref="GossipDifferentViewProbability"/> falls linearly, to a tenth of it at three times as many members. Default 400
    /// (Akka); 1 to 1,000,000.
    /// </summary>
    public int ReduceGossipDifferentViewProbability { get; init; } = 400;

    /// <summary>
    /// The wall clock that stamps the tombstones of removed members (<see cref="LeaderActionsOptions.Now"/>), so that tombstones
    /// stamped by different leaders compare across processes. Null (default) stamps <c>UnixEpoch + now</c> from the time passed to
    /// the core, which is right for a simulator (one virtual clock) and for hosts whose clocks share an origin; a real host whose
    /// monotonic clocks start at different times should pass its <see cref="TimeProvider"/>.
    /// </summary>
    public TimeProvider? WallClock { get; init; }

    /// <summary>
    /// The most members a gossip may hold: a <see cref="Join"/> that would exceed it is ignored. Default 100,000; 1 to 1,000,000.
    /// </summary>
    public int MembersMax { get; init; } = 100_000;

    /// <summary>
    /// The most messages kept between two <see cref="ClusterCore.DrainOutbox"/> calls. At the limit further messages are dropped
    /// and counted in <see cref="ClusterCoreCounters.OutboxDropped"/> (the protocol retries by itself). Default 100,000; at least 16.
    /// </summary>
    public int OutboxMax { get; init; } = 100_000;

    /// <summary>
    /// The most gossip changes remembered between two <see cref="ClusterCore.DrainEvents"/> calls. At the limit the oldest change is
    /// folded into the next one: the events then describe the net change across both (e.g. Joining to Up without the WeaklyUp in
    /// between). Default 1,000; at least 2.
    /// </summary>
    public int EventChangesMax { get; init; } = 1_000;

    /// <summary>
    /// Replaces <see cref="LeaderActions.Compute"/> as the leader's duties. Null (default) uses it. This exists so that a test can
    /// plant a bug (e.g. a leader that ignores convergence) and prove that the simulator's safety checkers catch it; production
    /// hosts leave it null.
    /// </summary>
    public LeaderActionsFunction? LeaderActions { get; init; }

#if DEBUG
    private const bool DefaultCheckInvariants = true;
#else
    private const bool DefaultCheckInvariants = false;
#endif

    /// <summary>Checks every value against the constraint in its documentation.</summary>
    /// <exception cref="ConfigurationException">A value breaks its constraint; the message names key, value and constraint.</exception>
    public void Validate()
    {
        CheckDuration("seed-node-timeout", SeedNodeTimeout, TimeSpan.FromMilliseconds(10));
        CheckDuration("failure-detector.expected-response-after", ExpectedResponseAfter, TimeSpan.FromMilliseconds(1));
        if (!(GossipDifferentViewProbability is >= 0 and <= 1))
        {
            throw new ConfigurationException(Key("gossip-different-view-probability"), GossipDifferentViewProbability.ToString(CultureInfo.InvariantCulture), "must be between 0 and 1");
        }

        CheckInt("reduce-gossip-different-view-probability", ReduceGossipDifferentViewProbability, 1, 1_000_000);
        CheckInt("members-max", MembersMax, 1, 1_000_000);
        CheckInt("outbox-max", OutboxMax, 16, int.MaxValue);
        CheckInt("event-changes-max", EventChangesMax, 2, int.MaxValue);
    }

    private static string Key(string name) => ClusterSettings.Section + "." + name;

    private static void CheckInt(string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            throw new ConfigurationException(Key(name), value.ToString(CultureInfo.InvariantCulture), $"must be between {min} and {max}");
        }
    }

    private static void CheckDuration(string name, TimeSpan value, TimeSpan min)
    {
        if (value < min || value > TimeSpan.FromHours(1))
        {
            var minText = min.TotalMilliseconds.ToString(CultureInfo.InvariantCulture);
            throw new ConfigurationException(Key(name), value.ToString("c", CultureInfo.InvariantCulture), $"must be a duration between {minText} ms and 1 hour");
        }
    }
}
