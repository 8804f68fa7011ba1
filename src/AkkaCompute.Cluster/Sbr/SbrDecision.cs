using System.Collections.Immutable;

namespace AkkaCompute.Cluster.Sbr;

/// <summary>
/// A split-brain resolver decision: its <paramref name="Kind"/> and the members to down. The caller downs them, this node last
/// (downing itself may shut it down). Members already Down or Exiting are never listed.
/// </summary>
/// <param name="Kind">What was decided.</param>
/// <param name="NodesToDown">The members to mark Down, ordered by unique address; may be empty (e.g. every unreachable member is already Down).</param>
public sealed record SbrDecision(SbrDecisionKind Kind, ImmutableSortedSet<UniqueAddress> NodesToDown)
{
    /// <summary>No decision, nobody to down.</summary>
    public static SbrDecision None { get; } = new(SbrDecisionKind.NoDecision, []);

    /// <summary>True when <paramref name="self"/> is among <see cref="NodesToDown"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="self"/> is null.</exception>
    public bool DownsSelf(UniqueAddress self)
    {
        ArgumentNullException.ThrowIfNull(self);
        return NodesToDown.Contains(self);
    }

    /// <summary>True when both have the same kind and the same nodes.</summary>
    public bool Equals(SbrDecision? other) => other is not null && Kind == other.Kind && NodesToDown.SetEquals(other.NodesToDown);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, NodesToDown.Count);

    /// <summary>E.g. <c>DownUnreachable [a#1, b#2]</c>.</summary>
    public override string ToString() => $"{Kind} [{string.Join(", ", NodesToDown)}]";
}
