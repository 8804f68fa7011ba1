namespace AkkaCompute.Actors.Routing;

/// <summary>Chooses the routee(s) for a message.</summary>
public abstract class RoutingLogic
{
    /// <summary>Returns the routee for <paramref name="message"/>, or <see cref="NoRoutee"/> when <paramref name="routees"/> is empty.</summary>
    public abstract Routee Select(object message, IReadOnlyList<Routee> routees);
}

/// <summary>Each routee in turn.</summary>
public sealed class RoundRobinRoutingLogic : RoutingLogic
{
    private long _next = -1;

    /// <inheritdoc />
    public override Routee Select(object message, IReadOnlyList<Routee> routees) =>
        routees.Count == 0 ? NoRoutee.Instance : routees[(int)((ulong)Interlocked.Increment(ref _next) % (ulong)routees.Count)];
}

/// <summary>A routee drawn at random from a seeded source.</summary>
/// <param name="next">Returns a number in [0, n) for n; seeded by the system.</param>
public sealed class RandomRoutingLogic(Func<int, int> next) : RoutingLogic
{
    /// <inheritdoc />
    public override Routee Select(object message, IReadOnlyList<Routee> routees) =>
        routees.Count == 0 ? NoRoutee.Instance : routees[next(routees.Count)];
}

/// <summary>Every routee.</summary>
public sealed class BroadcastRoutingLogic : RoutingLogic
{
    /// <inheritdoc />
    public override Routee Select(object message, IReadOnlyList<Routee> routees) =>
        routees.Count == 0 ? NoRoutee.Instance : new SeveralRoutees(routees);
}

/// <summary>
/// The routee with the fewest queued messages (Akka's SmallestMailbox); an empty mailbox wins at
/// once; ties go to the earliest routee. Remote routees, whose size is unknown, come last.
/// </summary>
public sealed class SmallestMailboxRoutingLogic : RoutingLogic
{
    /// <inheritdoc />
    public override Routee Select(object message, IReadOnlyList<Routee> routees)
    {
        if (routees.Count == 0)
        {
            return NoRoutee.Instance;
        }

        Routee best = routees[0];
        var bestSize = int.MaxValue;
        foreach (var r in routees)
        {
            var size = r.MailboxSize;
            if (size == 0)
            {
                return r;
            }

            if (size < bestSize)
            {
                best = r;
                bestSize = size;
            }
        }

        return best;
    }
}
