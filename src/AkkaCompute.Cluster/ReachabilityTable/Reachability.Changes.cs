using System.Collections.Immutable;

namespace AkkaCompute.Cluster;

using Rows = ImmutableSortedDictionary<UniqueAddress, ReachabilityRecord>;

public sealed partial class Reachability
{
    /// <summary><paramref name="observer"/> records <paramref name="subject"/> as unreachable (no change if already so or terminated).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public Reachability Unreachable(UniqueAddress observer, UniqueAddress subject) => Change(observer, subject, ReachabilityStatus.Unreachable);

    /// <summary>
    /// <paramref name="observer"/> records <paramref name="subject"/> as reachable again. When that leaves the observer with no
    /// unreachable or terminated subject, all its rows are dropped. No change when the observer had no record about the subject
    /// and no other rows, or when the subject is terminated (final).
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public Reachability Reachable(UniqueAddress observer, UniqueAddress subject) => Change(observer, subject, ReachabilityStatus.Reachable);

    /// <summary><paramref name="observer"/> records <paramref name="subject"/> as terminated (final).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public Reachability Terminated(UniqueAddress observer, UniqueAddress subject) => Change(observer, subject, ReachabilityStatus.Terminated);

    /// <summary>
    /// Merges <paramref name="other"/> into this table, keeping only observers and subjects in <paramref name="allowed"/> (the members
    /// of the merged gossip). Per observer the rows of the side with the higher version win; a side without rows wins over older
    /// rows (the observer cleared them). The merged version of each allowed observer is the maximum of both. On equal versions the
    /// rows of <paramref name="other"/> are taken; they are the same rows, since only the observer writes them, one version per change.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public Reachability Merge(IReadOnlySet<UniqueAddress> allowed, Reachability other)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        ArgumentNullException.ThrowIfNull(other);
        var rows = ImmutableSortedDictionary.CreateBuilder<UniqueAddress, Rows>();
        var versions = ImmutableSortedDictionary.CreateBuilder<UniqueAddress, long>();
        foreach (var observer in Versions.Keys.Union(other.Versions.Keys))
        {
            if (!allowed.Contains(observer))
            {
                continue;
            }

            var v1 = CurrentVersion(observer);
            var v2 = other.CurrentVersion(observer);
            versions[observer] = Math.Max(v1, v2);
            var rows1 = _rows.GetValueOrDefault(observer);
            var rows2 = other._rows.GetValueOrDefault(observer);
            var chosen = (rows1, rows2) switch
            {
                (not null, not null) => v1 > v2 ? rows1 : rows2,
                (not null, null) => v1 > v2 ? rows1 : null,
                (null, not null) => v2 > v1 ? rows2 : null,
                _ => null,
            };

            if (chosen is not null)
            {
                var kept = chosen.Values.All(r => allowed.Contains(r.Subject))
                    ? chosen
                    : chosen.Where(p => allowed.Contains(p.Key)).ToImmutableSortedDictionary(p => p.Key, p => p.Value);
                if (!kept.IsEmpty)
                {
                    rows[observer] = kept;
                }
            }
        }

        return new Reachability(rows.ToImmutable(), versions.ToImmutable());
    }

    /// <summary>This table without any record or version that has one of <paramref name="nodes"/> as observer or subject.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="nodes"/> is null.</exception>
    public Reachability Remove(IEnumerable<UniqueAddress> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var set = nodes.ToHashSet();
        if (set.Count == 0)
        {
            return this;
        }

        return FilterCore(r => !set.Contains(r.Observer) && !set.Contains(r.Subject), Versions.RemoveRange(set));
    }

    /// <summary>This table without the records and versions of the observers <paramref name="nodes"/> (e.g. downed members).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="nodes"/> is null.</exception>
    public Reachability RemoveObservers(IEnumerable<UniqueAddress> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var set = nodes.ToHashSet();
        if (set.Count == 0 || !set.Any(_rows.ContainsKey) && !set.Any(Versions.ContainsKey))
        {
            return this;
        }

        return new Reachability(_rows.RemoveRange(set), Versions.RemoveRange(set));
    }

    /// <summary>This table with only the records that satisfy <paramref name="keep"/>; versions are unchanged.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="keep"/> is null.</exception>
    public Reachability FilterRecords(Func<ReachabilityRecord, bool> keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        return FilterCore(keep, Versions);
    }

    private long CurrentVersion(UniqueAddress observer) => Versions.GetValueOrDefault(observer);

    private Reachability Change(UniqueAddress observer, UniqueAddress subject, ReachabilityStatus status)
    {
        ArgumentNullException.ThrowIfNull(observer);
        ArgumentNullException.ThrowIfNull(subject);
        var version = CurrentVersion(observer) + 1;
        var newVersions = Versions.SetItem(observer, version);
        var record = new ReachabilityRecord(observer, subject, status, version);
        if (!_rows.TryGetValue(observer, out var oldRows))
        {
            // Nothing noted by this observer so far: a Reachable observation changes nothing.
            return status == ReachabilityStatus.Reachable
                ? this
                : new Reachability(_rows.Add(observer, Rows.Empty.Add(subject, record)), newVersions);
        }

        if (!oldRows.TryGetValue(subject, out var oldRecord))
        {
            if (status == ReachabilityStatus.Reachable && oldRows.Values.All(r => r.Status == ReachabilityStatus.Reachable))
            {
                return new Reachability(_rows.Remove(observer), newVersions);
            }

            return new Reachability(_rows.SetItem(observer, oldRows.Add(subject, record)), newVersions);
        }

        if (oldRecord.Status == ReachabilityStatus.Terminated || oldRecord.Status == status)
        {
            return this;
        }

        if (status == ReachabilityStatus.Reachable &&
            oldRows.Values.All(r => r.Status == ReachabilityStatus.Reachable || r.Subject.Equals(subject)))
        {
            return new Reachability(_rows.Remove(observer), newVersions);
        }

        return new Reachability(_rows.SetItem(observer, oldRows.SetItem(subject, record)), newVersions);
    }

    private Reachability FilterCore(Func<ReachabilityRecord, bool> keep, ImmutableSortedDictionary<UniqueAddress, long> versions)
    {
        var rows = ImmutableSortedDictionary.CreateBuilder<UniqueAddress, Rows>();
        var changed = !ReferenceEquals(versions, Versions);
        foreach (var (observer, row) in _rows)
        {
            var kept = row.Values.All(keep) ? row : row.Where(p => keep(p.Value)).ToImmutableSortedDictionary(p => p.Key, p => p.Value);
            changed |= !ReferenceEquals(kept, row);
            if (!kept.IsEmpty)
            {
                rows[observer] = kept;
            }
        }

        return changed ? new Reachability(rows.ToImmutable(), versions) : this;
    }
}
