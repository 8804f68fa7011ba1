namespace AkkaCompute.Simulation.Cluster;

/// <summary>
/// A safety property of the membership protocol was broken in a simulated run (thrown by <see cref="ClusterSafetyChecker"/> from a
/// step hook, so the simulator wraps it in a <see cref="SimulationFailureException"/> carrying the seed and the step).
/// </summary>
public sealed class ClusterSafetyViolationException : Exception
{
    /// <summary>Property name: a node's successive gossips break <c>MembershipInvariants.CheckTransition</c> (a status moved backwards, a removed member came back, the clock went back, or a structural invariant).</summary>
    public const string StatesMoveForward = "states-only-move-forward";

    /// <summary>Property name: a member a node saw Down or removed is back (not Down) in that node's view, or a member removed anywhere moved Up.</summary>
    public const string DownedNeverBack = "downed-or-removed-never-back";

    /// <summary>Property name: two different nodes each consider themselves leader of the same converged gossip version.</summary>
    public const string OneLeader = "one-leader-per-converged-view";

    /// <summary>Property name: two running members, neither Down in its own view, each see the other Down or removed (both sides of a split survive).</summary>
    public const string SplitBrain = "split-brain";

    /// <summary>Creates the exception; the message is <c>safety property 'property' violated at node: detail</c>.</summary>
    /// <param name="property">One of the property name constants.</param>
    /// <param name="node">The node whose step broke it, e.g. <c>n3</c>.</param>
    /// <param name="detail">What was found, naming the members and statuses involved.</param>
    /// <param name="inner">The underlying exception (e.g. an invariant violation), or null.</param>
    public ClusterSafetyViolationException(string property, string node, string detail, Exception? inner = null)
        : base($"safety property '{property}' violated at {node}: {detail}", inner)
    {
        Property = property;
        Node = node;
        Detail = detail;
    }

    /// <summary>The broken property (one of the constants).</summary>
    public string Property { get; }

    /// <summary>The node whose step broke it.</summary>
    public string Node { get; }

    /// <summary>What was found.</summary>
    public string Detail { get; }
}
