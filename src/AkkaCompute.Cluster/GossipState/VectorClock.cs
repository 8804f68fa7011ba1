using System.Text;

namespace AkkaCompute.Cluster;

/// <summary>
/// An immutable vector clock: a map from <see cref="VectorClockNode"/> to a logical time (a counter, at least 1; a missing entry
/// counts as 0). It versions the cluster's <see cref="Gossip"/> so that two gossips can be ordered causally or found concurrent.
/// </summary>
/// <remarks>
/// <para>
/// Algorithm: Lamport, "Time, Clocks, and the Ordering of Events in a Distributed System", CACM 21(7), 1978 (logical clocks);
/// vector clocks as in Fidge, "Timestamps in Message-Passing Systems That Preserve the Partial Ordering", ACSC 1988, and
/// Mattern, "Virtual Time and Global States of Distributed Systems", 1989. Modelled on Akka's <c>VectorClock</c>.
/// </para>
/// <para>
/// Entries are kept in a sorted array: <see cref="Compare"/>, <see cref="Merge"/>, <see cref="Prune"/> and <see cref="Increment"/> are
/// O(n) in the number of entries (one per member that ever changed the gossip and was not pruned), lookups O(log n).
/// Equality is value equality of the entries.
/// </para>
/// </remarks>
public sealed class VectorClock : IEquatable<VectorClock>
{
    private readonly KeyValuePair<VectorClockNode, long>[] _entries;

    private VectorClock(KeyValuePair<VectorClockNode, long>[] sortedEntries) => _entries = sortedEntries;

    /// <summary>The clock with no entries (every time 0).</summary>
    public static VectorClock Empty { get; } = new([]);

    /// <summary>The entries in ordinal node order; every time is at least 1.</summary>
    public IReadOnlyList<KeyValuePair<VectorClockNode, long>> Entries => _entries;

    /// <summary>The number of entries.</summary>
    public int Count => _entries.Length;

    /// <summary>The time of <paramref name="node"/>, or 0 when the clock has no entry for it.</summary>
    public long this[VectorClockNode node]
    {
        get
        {
            var i = IndexOf(node);
            return i >= 0 ? _entries[i].Value : 0;
        }
    }

    /// <summary>Creates a clock from entries in any order.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="entries"/> is null, or a node name is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A time is below 1.</exception>
    /// <exception cref="ArgumentException">A node appears twice.</exception>
    public static VectorClock Create(IEnumerable<KeyValuePair<VectorClockNode, long>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var array = entries.ToArray();
        foreach (var e in array)
        {
            ArgumentNullException.ThrowIfNull(e.Key.Name, nameof(entries));
            if (e.Value < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(entries), e.Value, $"time of node {e.Key} must be at least 1");
            }
        }

        Array.Sort(array, static (a, b) => a.Key.CompareTo(b.Key));
        for (var i = 1; i < array.Length; i++)
        {
            if (array[i].Key.CompareTo(array[i - 1].Key) == 0)
            {
                throw new ArgumentException($"node {array[i].Key} appears twice", nameof(entries));
            }
        }

        return array.Length == 0 ? Empty : new VectorClock(array);
    }

    /// <summary>This clock with the time of <paramref name="node"/> advanced by 1 (a missing entry becomes 1).</summary>
    /// <exception cref="ArgumentNullException">The node's name is null.</exception>
    /// <exception cref="OverflowException">The time is already <see cref="long.MaxValue"/>.</exception>
    public VectorClock Increment(VectorClockNode node)
    {
        ArgumentNullException.ThrowIfNull(node.Name, nameof(node));
        var i = IndexOf(node);
        if (i >= 0)
        {
            var copy = (KeyValuePair<VectorClockNode, long>[])_entries.Clone();
            copy[i] = new(node, checked(copy[i].Value + 1));
            return new VectorClock(copy);
        }

        var insertAt = ~i;
        var grown = new KeyValuePair<VectorClockNode, long>[_entries.Length + 1];
        Array.Copy(_entries, 0, grown, 0, insertAt);
        grown[insertAt] = new(node, 1);
        Array.Copy(_entries, insertAt, grown, insertAt + 1, _entries.Length - insertAt);
        return new VectorClock(grown);
    }

    /// <summary>
    /// The pointwise maximum of both clocks: the least clock that is at or after both. Commutative, associative and idempotent.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="that"/> is null.</exception>
    public VectorClock Merge(VectorClock that)
    {
        ArgumentNullException.ThrowIfNull(that);
        if (ReferenceEquals(this, that) || that._entries.Length == 0)
        {
            return this;
        }

        if (_entries.Length == 0)
        {
            return that;
        }

        var a = _entries;
        var b = that._entries;
        var merged = new List<KeyValuePair<VectorClockNode, long>>(Math.Max(a.Length, b.Length));
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            var c = i == a.Length ? 1 : j == b.Length ? -1 : a[i].Key.CompareTo(b[j].Key);
            if (c < 0)
            {
                merged.Add(a[i++]);
            }
            else if (c > 0)
            {
                merged.Add(b[j++]);
            }
            else
            {
                merged.Add(a[i].Value >= b[j].Value ? a[i] : b[j]);
                i++;
                j++;
            }
        }

        return new VectorClock([.. merged]);
    }

    /// <summary>
    /// Compares this clock with <paramref name="that"/>: <see cref="VectorClockOrdering.Same"/>, <see cref="VectorClockOrdering.Before"/>,
    /// <see cref="VectorClockOrdering.After"/> or <see cref="VectorClockOrdering.Concurrent"/>. Antisymmetric: swapping the arguments
    /// swaps Before and After and keeps Same and Concurrent.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="that"/> is null.</exception>
    public VectorClockOrdering Compare(VectorClock that)
    {
        ArgumentNullException.ThrowIfNull(that);
        if (ReferenceEquals(this, that))
        {
            return VectorClockOrdering.Same;
        }

        var a = _entries;
        var b = that._entries;
        bool anyGreater = false, anySmaller = false;
        int i = 0, j = 0;
        while ((i < a.Length || j < b.Length) && !(anyGreater && anySmaller))
        {
            var c = i == a.Length ? 1 : j == b.Length ? -1 : a[i].Key.CompareTo(b[j].Key);
            if (c < 0)
            {
                anyGreater = true; // only this clock has the node (time >= 1 > 0)
                i++;
            }
            else if (c > 0)
            {
                anySmaller = true;
                j++;
            }
            else
            {
                if (a[i].Value > b[j].Value)
                {
                    anyGreater = true;
                }
                else if (a[i].Value < b[j].Value)
                {
                    anySmaller = true;
                }

                i++;
                j++;
            }
        }

        return (anyGreater, anySmaller) switch
        {
            (false, false) => VectorClockOrdering.Same,
            (true, false) => VectorClockOrdering.After,
            (false, true) => VectorClockOrdering.Before,
            _ => VectorClockOrdering.Concurrent,
        };
    }

    /// <summary>True when this clock happened strictly before <paramref name="that"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="that"/> is null.</exception>
    public bool IsBefore(VectorClock that) => Compare(that) == VectorClockOrdering.Before;

    /// <summary>True when this clock happened strictly after <paramref name="that"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="that"/> is null.</exception>
    public bool IsAfter(VectorClock that) => Compare(that) == VectorClockOrdering.After;

    /// <summary>True when the clocks are concurrent.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="that"/> is null.</exception>
    public bool IsConcurrentWith(VectorClock that) => Compare(that) == VectorClockOrdering.Concurrent;

    /// <summary>
    /// This clock without the entry of <paramref name="removedNode"/> (done when that member is removed, so that clocks do not grow
    /// with every node that ever joined). Returns this clock when there is no such entry.
    /// </summary>
    public VectorClock Prune(VectorClockNode removedNode)
    {
        var i = IndexOf(removedNode);
        if (i < 0)
        {
            return this;
        }

        if (_entries.Length == 1)
        {
            return Empty;
        }

        var shrunk = new KeyValuePair<VectorClockNode, long>[_entries.Length - 1];
        Array.Copy(_entries, 0, shrunk, 0, i);
        Array.Copy(_entries, i + 1, shrunk, i, _entries.Length - i - 1);
        return new VectorClock(shrunk);
    }

    /// <summary>This clock without the entries of <paramref name="removedNodes"/>, in one pass; returns this clock when none is present.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="removedNodes"/> is null.</exception>
    public VectorClock PruneAll(IEnumerable<VectorClockNode> removedNodes)
    {
        ArgumentNullException.ThrowIfNull(removedNodes);
        var removed = removedNodes as IReadOnlySet<VectorClockNode> ?? removedNodes.ToHashSet();
        if (removed.Count == 0 || _entries.Length == 0)
        {
            return this;
        }

        var kept = _entries.Where(e => !removed.Contains(e.Key)).ToArray();
        return kept.Length == _entries.Length ? this : kept.Length == 0 ? Empty : new VectorClock(kept);
    }

    /// <summary>True when both clocks have the same entries (<see cref="VectorClockOrdering.Same"/>).</summary>
    public bool Equals(VectorClock? other) => other is not null && Compare(other) == VectorClockOrdering.Same;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is VectorClock other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var e in _entries)
        {
            hash.Add(e.Key);
            hash.Add(e.Value);
        }

        return hash.ToHashCode();
    }

    /// <summary>E.g. <c>VectorClock(a-1 -&gt; 3, b-2 -&gt; 1)</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder("VectorClock(");
        for (var i = 0; i < _entries.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            sb.Append(_entries[i].Key.Name).Append(" -> ").Append(_entries[i].Value);
        }

        return sb.Append(')').ToString();
    }

    private int IndexOf(VectorClockNode node)
    {
        int lo = 0, hi = _entries.Length - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            var c = _entries[mid].Key.CompareTo(node);
            if (c == 0)
            {
                return mid;
            }

            if (c < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return ~lo;
    }
}
