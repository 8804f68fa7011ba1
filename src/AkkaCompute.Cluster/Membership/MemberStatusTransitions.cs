namespace AkkaCompute.Cluster;

/// <summary>
/// The allowed member status transitions, as Akka's <c>Member.AllowedTransitions</c>:
/// <list type="table">
/// <item><term>Joining</term><description>WeaklyUp, Up, Leaving, Down, Removed</description></item>
/// <item><term>WeaklyUp</term><description>Up, Leaving, Down, Removed</description></item>
/// <item><term>Up</term><description>Leaving, Down, Removed</description></item>
/// <item><term>Leaving</term><description>Exiting, Down, Removed</description></item>
/// <item><term>Exiting</term><description>Removed, Down</description></item>
/// <item><term>Down</term><description>Removed</description></item>
/// <item><term>Removed</term><description>nothing</description></item>
/// </list>
/// Every allowed transition goes forward in <see cref="Rank"/>, and every forward pair of statuses is reachable through a chain of
/// allowed transitions, so "never moves backwards" and "only moves along the table" are the same rule across several steps.
/// </summary>
public static class MemberStatusTransitions
{
    // Bit i of Allowed[from] is set when from -> (MemberStatus)i is allowed.
    private static readonly int[] Allowed =
    [
        Bits(MemberStatus.WeaklyUp, MemberStatus.Up, MemberStatus.Leaving, MemberStatus.Down, MemberStatus.Removed), // Joining
        Bits(MemberStatus.Up, MemberStatus.Leaving, MemberStatus.Down, MemberStatus.Removed), // WeaklyUp
        Bits(MemberStatus.Leaving, MemberStatus.Down, MemberStatus.Removed), // Up
        Bits(MemberStatus.Exiting, MemberStatus.Down, MemberStatus.Removed), // Leaving
        Bits(MemberStatus.Removed, MemberStatus.Down), // Exiting
        Bits(MemberStatus.Removed), // Down
        0, // Removed
    ];

    /// <summary>All seven statuses in lifecycle order.</summary>
    public static IReadOnlyList<MemberStatus> All { get; } =
    [
        MemberStatus.Joining, MemberStatus.WeaklyUp, MemberStatus.Up, MemberStatus.Leaving,
        MemberStatus.Exiting, MemberStatus.Down, MemberStatus.Removed,
    ];

    /// <summary>
    /// True when a member may move from <paramref name="from"/> straight to <paramref name="to"/> (a status to itself is not a
    /// transition and returns false; <see cref="Member.Copy"/> treats it as a no-op).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is not a defined <see cref="MemberStatus"/>.</exception>
    public static bool IsAllowed(MemberStatus from, MemberStatus to)
    {
        Check(from);
        Check(to);
        return (Allowed[(int)from] & (1 << (int)to)) != 0;
    }

    /// <summary>
    /// The position of <paramref name="status"/> in the lifecycle order Joining (0) &lt; WeaklyUp &lt; Up &lt; Leaving &lt;
    /// Exiting &lt; Down &lt; Removed (6). A member's rank never decreases.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="MemberStatus"/>.</exception>
    public static int Rank(MemberStatus status)
    {
        Check(status);
        return (int)status;
    }

    private static int Bits(params MemberStatus[] statuses)
    {
        var bits = 0;
        foreach (var s in statuses)
        {
            bits |= 1 << (int)s;
        }

        return bits;
    }

    private static void Check(MemberStatus status)
    {
        if (status is < MemberStatus.Joining or > MemberStatus.Removed)
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "not a defined MemberStatus");
        }
    }
}
