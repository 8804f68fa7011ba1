namespace AkkaCompute.Cluster.Sbr;

/// <summary>What a <see cref="DowningStrategy"/> decided, as Akka's SBR decisions.</summary>
public enum SbrDecisionKind
{
    /// <summary>Nothing to decide (no unreachable member), or not yet time to decide.</summary>
    NoDecision,

    /// <summary>This side survives: down the unreachable members.</summary>
    DownUnreachable,

    /// <summary>This side loses: down the reachable members, this node included.</summary>
    DownReachable,

    /// <summary>Nobody survives: down every member (too many members for the quorum, no member with the role, or instability).</summary>
    DownAll,

    /// <summary>
    /// Some members are unreachable only through some links (they still talk via others): down those, plus whatever the normal
    /// decision downs once the observations between them are ignored.
    /// </summary>
    DownIndirectlyConnected,
}
