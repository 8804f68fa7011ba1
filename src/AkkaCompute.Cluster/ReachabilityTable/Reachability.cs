using System.Collections.Immutable;
using System.Text;

namespace AkkaCompute.Cluster;

using Rows = ImmutableSortedDictionary<UniqueAddress, ReachabilityRecord>;

/// <summary>
/// An immutable table of failure-detector observations between members, as Akka's <c>Reachability</c>: for each observer, the
/// subjects it does not consider plainly reachable, plus a per-observer version counter. Only the observer changes its own rows
/// (its version goes up by one per change), so two tables merge by taking, per observer, the rows with the higher version.
/// </summary>
/// <remarks>
/// <para>
/// A node is unreachable when at least one observer records it <see cref="ReachabilityStatus.Unreachable"/> and none records it
/// <see cref="ReachabilityStatus.Terminated"/>; terminated when any observer records it terminated. An observer whose
/// subjects all became reachable again has no rows at all (its version stays).
/// </para>
/// <para>
/// Instances are immutable and may be shared between threads (the lazily derived sets are computed idempotently).
/// Collections are sorted by <see cref="UniqueAddress"/>, so every result iterates in the same order on every node and in every
/// run (hash-ordered sets would differ between processes, which would break a seeded simulator's replay). Costs: a change is
/// O(log n + k) for an observer with k rows; <see cref="Merge"/> is O(r log n) for r records; the derived sets
/// (<see cref="AllUnreachable"/> etc.) are computed once per table on first use, O(r log r).
/// </para>
/// </remarks>
public sealed partial class Reachability : IEquatable<Reachability>
{
    private static readonly ImmutableSortedDictionary<UniqueAddress, Rows> NoRows = ImmutableSortedDictionary<UniqueAddress, Rows>.Empty;
    private readonly ImmutableSortedDictionary<UniqueAddress, Rows> _rows;
    private Derived? _derived;

    private Reachability(ImmutableSortedDictionary<UniqueAddress, Rows> rows, ImmutableSortedDictionary<UniqueAddress, long> versions)
    {
        _rows = rows;
        Versions = versions;
    }

    /// <summary>The table with no observations: every node reachable.</summary>
    public static Reachability Empty { get; } = new(NoRows, ImmutableSortedDictionary<UniqueAddress, long>.Empty);

    /// <summary>Each observer's current version: the number of changes it has made (absent means 0).</summary>
    public ImmutableSortedDictionary<UniqueAddress, long> Versions { get; }

    /// <summary>All records, ordered by observer then subject.</summary>
    public IReadOnlyList<ReachabilityRecord> Records => D.Records;

    /// <summary>True when there are no records at all (nobody suspects anybody).</summary>
    public bool IsAllReachable => _rows.IsEmpty;

    /// <summary>Nodes that some observer records as unreachable and none as terminated.</summary>
    public ImmutableSortedSet<UniqueAddress> AllUnreachable => D.Unreachable;

    /// <summary>Nodes that some observer records as terminated.</summary>
    public ImmutableSortedSet<UniqueAddress> AllTerminated => D.Terminated;

    /// <summary>The union of <see cref="AllUnreachable"/> and <see cref="AllTerminated"/>.</summary>
    public ImmutableSortedSet<UniqueAddress> AllUnreachableOrTerminated => D.UnreachableOrTerminated;

    /// <summary>Every node that has at least one record as observer.</summary>
    public ImmutableSortedSet<UniqueAddress> AllObservers => D.Observers;

    /// <summary>For each node some observer records as <see cref="ReachabilityStatus.Unreachable"/>, those observers.</summary>
    public ImmutableSortedDictionary<UniqueAddress, ImmutableSortedSet<UniqueAddress>> ObserversGroupedByUnreachable
    {
        get
        {
            var builder = new SortedDictionary<UniqueAddress, ImmutableSortedSet<UniqueAddress>.Builder>();
            foreach (var r in Records)
            {
                if (r.Status != ReachabilityStatus.Unreachable)
                {
                    continue;
                }

                if (!builder.TryGetValue(r.Subject, out var observers))
                {
                    observers = ImmutableSortedSet.CreateBuilder<UniqueAddress>();
                    builder[r.Subject] = observers;
                }

                observers.Add(r.Observer);
            }

            return builder.ToImmutableSortedDictionary(p => p.Key, p => p.Value.ToImmutable());
        }
    }

    /// <summary>Every node that is the subject of at least one record (computed once per table).</summary>
    internal ImmutableSortedSet<UniqueAddress> AllSubjects => D.Subjects;

    private Derived D => _derived ??= new Derived(_rows);

    /// <summary>
    /// Builds a table from records and versions (e.g. decoded from the wire). An observer's records must carry versions no higher
    /// than its entry in <paramref name="versions"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">Two records have the same observer and subject, a record's version exceeds its observer's
    /// version, or a version is below 1.</exception>
    public static Reachability Create(IEnumerable<ReachabilityRecord> records, IEnumerable<KeyValuePair<UniqueAddress, long>> versions)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(versions);
        var v = ImmutableSortedDictionary.CreateBuilder<UniqueAddress, long>();
        foreach (var (node, version) in versions)
        {
            if (version < 1 || !v.TryAdd(node, version))
            {
                throw new ArgumentException($"version of {node} must be at least 1 and given once, got {version}", nameof(versions));
            }
        }

        var rows = new SortedDictionary<UniqueAddress, Rows.Builder>();
        foreach (var r in records)
        {
            ArgumentNullException.ThrowIfNull(r, nameof(records));
            if (!v.TryGetValue(r.Observer, out var observerVersion) || r.Version > observerVersion || r.Version < 1)
            {
                throw new ArgumentException($"record {r} has a version outside 1..{observerVersion}", nameof(records));
            }

            if (!rows.TryGetValue(r.Observer, out var row))
            {
                row = ImmutableSortedDictionary.CreateBuilder<UniqueAddress, ReachabilityRecord>();
                rows[r.Observer] = row;
            }

            if (!row.TryAdd(r.Subject, r))
            {
                throw new ArgumentException($"two records from {r.Observer} about {r.Subject}", nameof(records));
            }
        }

        return new Reachability(rows.ToImmutableSortedDictionary(p => p.Key, p => p.Value.ToImmutable()), v.ToImmutable());
    }

    /// <summary>What <paramref name="observer"/> records about <paramref name="subject"/>; Reachable when it records nothing.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public ReachabilityStatus Status(UniqueAddress observer, UniqueAddress subject)
    {
        ArgumentNullException.ThrowIfNull(observer);
        ArgumentNullException.ThrowIfNull(subject);
        return _rows.TryGetValue(observer, out var row) && row.TryGetValue(subject, out var r) ? r.Status : ReachabilityStatus.Reachable;
    }

    /// <summary>The aggregated status of <paramref name="node"/>: Terminated if any observer says so, else Unreachable if any says so, else Reachable.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="node"/> is null.</exception>
    public ReachabilityStatus Status(UniqueAddress node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (IsAllReachable)
        {
            return ReachabilityStatus.Reachable;
        }

        return D.Terminated.Contains(node) ? ReachabilityStatus.Terminated
            : D.Unreachable.Contains(node) ? ReachabilityStatus.Unreachable
            : ReachabilityStatus.Reachable;
    }

    /// <summary>True when no observer records <paramref name="node"/> as unreachable or terminated.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="node"/> is null.</exception>
    public bool IsReachable(UniqueAddress node) => Status(node) == ReachabilityStatus.Reachable;

    /// <summary>True when <paramref name="observer"/> records <paramref name="subject"/> as reachable (or records nothing about it).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public bool IsReachable(UniqueAddress observer, UniqueAddress subject) => Status(observer, subject) == ReachabilityStatus.Reachable;

    /// <summary>The subjects <paramref name="observer"/> records as <see cref="ReachabilityStatus.Unreachable"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="observer"/> is null.</exception>
    public ImmutableSortedSet<UniqueAddress> AllUnreachableFrom(UniqueAddress observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        return _rows.TryGetValue(observer, out var row)
            ? row.Values.Where(r => r.Status == ReachabilityStatus.Unreachable).Select(r => r.Subject).ToImmutableSortedSet()
            : [];
    }

    /// <summary>The records made by <paramref name="observer"/>, ordered by subject.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="observer"/> is null.</exception>
    public IReadOnlyList<ReachabilityRecord> RecordsFrom(UniqueAddress observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        return _rows.TryGetValue(observer, out var row) ? [.. row.Values] : [];
    }

    /// <summary>True when both tables have the same versions and the same records.</summary>
    public bool Equals(Reachability? other)
    {
        if (other is null)
        {
            return false;
        }

        if (ReferenceEquals(this, other))
        {
            return true;
        }

        return Versions.Count == other.Versions.Count
            && Versions.All(p => other.Versions.TryGetValue(p.Key, out var v) && v == p.Value)
            && Records.SequenceEqual(other.Records);
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Reachability other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (node, version) in Versions)
        {
            hash.Add(node);
            hash.Add(version);
        }

        return hash.ToHashCode();
    }

    /// <summary>E.g. <c>Reachability([a#1 -&gt; b#2: Unreachable (3)])</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder("Reachability(");
        var first = true;
        foreach (var r in Records)
        {
            sb.Append(first ? "[" : ", [").Append(r.Observer).Append(" -> ").Append(r.Subject).Append(": ")
              .Append(r.Status).Append(" (").Append(r.Version).Append(")]");
            first = false;
        }

        return sb.Append(')').ToString();
    }
}
