namespace AkkaCompute.Cluster.Sbr;

/// <summary>
/// <c>static-quorum</c>, as Akka's <c>StaticQuorum</c>: the side with at least <see cref="QuorumSize"/> counted members (Up and Leaving,
/// with the role if set) survives; a side below it downs itself. With more than <c>2 × quorum-size − 1</c> counted members both
/// sides could reach the quorum, so everyone is downed.
/// </summary>
public sealed class StaticQuorum : DowningStrategy
{
    /// <summary>Creates the strategy.</summary>
    /// <param name="quorumSize">The minimum surviving side; at least 1.</param>
    /// <param name="role">Count only members with this role; null or empty counts all.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="quorumSize"/> is below 1.</exception>
    public StaticQuorum(int quorumSize, string? role = null)
        : base(role)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quorumSize, 1);
        QuorumSize = quorumSize;
    }

    /// <summary>The minimum number of counted members a side needs.</summary>
    public int QuorumSize { get; }

    private protected override SbrDecisionKind DecideKind(SbrSides sides)
    {
        var total = sides.MembersWithRole().Count();
        if (total > (QuorumSize * 2) - 1)
        {
            return SbrDecisionKind.DownAll;
        }

        if (HasIndirectlyConnected(sides))
        {
            return SbrDecisionKind.DownIndirectlyConnected;
        }

        return total - sides.UnreachableCount() >= QuorumSize ? SbrDecisionKind.DownUnreachable : SbrDecisionKind.DownReachable;
    }
}
