namespace AkkaCompute.Persistence;

/// <summary>
/// A snapshot store in memory, for tests and for systems that need no durability (the default of
/// <see cref="Persistence"/>). Snapshots are kept as objects (not serialized). Every method completes synchronously.
/// </summary>
public sealed class InMemorySnapshotStore : ISnapshotStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SortedList<long, SelectedSnapshot>> _snapshots = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task SaveAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (_gate)
        {
            if (!_snapshots.TryGetValue(metadata.PersistenceId, out var list))
            {
                _snapshots[metadata.PersistenceId] = list = [];
            }

            list[metadata.SequenceNr] = new SelectedSnapshot(metadata, snapshot);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        ArgumentNullException.ThrowIfNull(criteria);
        lock (_gate)
        {
            if (_snapshots.TryGetValue(persistenceId, out var list))
            {
                for (var i = list.Count - 1; i >= 0; i--)
                {
                    var s = list.GetValueAtIndex(i);
                    if (criteria.IsMatch(s.Metadata))
                    {
                        return Task.FromResult<SelectedSnapshot?>(s);
                    }
                }
            }
        }

        return Task.FromResult<SelectedSnapshot?>(null);
    }

    /// <inheritdoc />
    public Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        lock (_gate)
        {
            if (_snapshots.TryGetValue(metadata.PersistenceId, out var list))
            {
                list.Remove(metadata.SequenceNr);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        ArgumentNullException.ThrowIfNull(criteria);
        lock (_gate)
        {
            if (_snapshots.TryGetValue(persistenceId, out var list))
            {
                foreach (var key in list.Values.Where(s => criteria.IsMatch(s.Metadata)).Select(s => s.Metadata.SequenceNr).ToList())
                {
                    list.Remove(key);
                }
            }
        }

        return Task.CompletedTask;
    }
}
