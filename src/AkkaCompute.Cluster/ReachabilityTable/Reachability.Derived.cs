using System.Collections.Immutable;

namespace AkkaCompute.Cluster;

using Rows = ImmutableSortedDictionary<UniqueAddress, ReachabilityRecord>;

public sealed partial class Reachability
{
    /// <summary>Sets derived from the rows, computed once per table.</summary>
    private sealed class Derived
    {
        public Derived(ImmutableSortedDictionary<UniqueAddress, Rows> rows)
        {
            var records = new List<ReachabilityRecord>();
            var unreachable = ImmutableSortedSet.CreateBuilder<UniqueAddress>();
            var terminated = ImmutableSortedSet.CreateBuilder<UniqueAddress>();
            var subjects = ImmutableSortedSet.CreateBuilder<UniqueAddress>();
            foreach (var row in rows.Values)
            {
                foreach (var r in row.Values)
                {
                    records.Add(r);
                    subjects.Add(r.Subject);
                    if (r.Status == ReachabilityStatus.Unreachable)
                    {
                        unreachable.Add(r.Subject);
                    }
                    else if (r.Status == ReachabilityStatus.Terminated)
                    {
                        terminated.Add(r.Subject);
                    }
                }
            }

            Records = records;
            Terminated = terminated.ToImmutable();
            UnreachableOrTerminated = unreachable.ToImmutable().Union(Terminated);
            unreachable.ExceptWith(Terminated);
            Unreachable = unreachable.ToImmutable();
            Observers = rows.Keys.ToImmutableSortedSet();
            Subjects = subjects.ToImmutable();
        }

        public IReadOnlyList<ReachabilityRecord> Records { get; }

        public ImmutableSortedSet<UniqueAddress> Unreachable { get; }

        public ImmutableSortedSet<UniqueAddress> Terminated { get; }

        public ImmutableSortedSet<UniqueAddress> UnreachableOrTerminated { get; }

        public ImmutableSortedSet<UniqueAddress> Observers { get; }

        public ImmutableSortedSet<UniqueAddress> Subjects { get; }
    }
}
