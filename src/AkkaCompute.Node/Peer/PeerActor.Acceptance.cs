using Akka.Actor;
using Akka.Cluster;
using Akka.DistributedData;
using Akka.Event;
using AkkaCompute.Compute.Distributed;
using AkkaCompute.Compute.History;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Node.Cluster;

namespace AkkaCompute.Node.Peer;

/// <summary>
/// Durable acceptance (DESIGN.md, "Hand-off": acceptance survives the loss of any single node). A home writes each batch to
/// the replicated accepted-task set (<see cref="AcceptedTaskSet"/>) with <c>WriteMajority</c> before it journals and
/// acknowledges it; when a task finishes, its entry gets the result (gossiped, flushed every 200 ms); a retention time later
/// the entry is removed. When a member is removed, its successor home (<see cref="HomeSuccession"/>) reads the set with
/// <c>ReadMajority</c> (which meets every majority write), takes over the removed home's tasks (journals them, restores the
/// finished ones with their results, runs the others) and rewrites their entries with itself as home, so that the
/// submitter can still get every acknowledged task's result from any member.
/// </summary>
public sealed partial class PeerActor
{
    /// <summary>Results whose JSON is longer than this (64 Ki characters) are not replicated: a successor runs such a task again.</summary>
    private const int MaxReplicatedResultChars = 64 * 1024;

    /// <summary>How long finished entries wait before their results are written to the set in one update per bucket: 200 ms.</summary>
    private static readonly TimeSpan AcceptedFlushInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>How long a successor waits before it reads the set again after a read or a journal write failed: 2 s.</summary>
    private static readonly TimeSpan TakeOverRetryInterval = TimeSpan.FromSeconds(2);

    private readonly Dictionary<string, AcceptedTask> _homed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AcceptedTask> _acceptedWrites = new(StringComparer.Ordinal);
    private readonly HashSet<string> _removedHomes = new(StringComparer.Ordinal);
    private UniqueAddress? _selfUniqueAddress;
    private long _tookOver;

    private void StartAcceptance()
    {
        if (Distributed)
        {
            _selfUniqueAddress = Akka.Cluster.Cluster.Get(Context.System).SelfUniqueAddress;
            var prune = _options.ResultRetention < TimeSpan.FromMinutes(1) ? _options.ResultRetention : TimeSpan.FromMinutes(1);
            Timers.StartPeriodicTimer("accepted-prune", PruneAccepted.Instance, prune);
        }
    }

    private void AcceptanceReceives()
    {
        Receive<FlushAccepted>(_ => FlushAcceptedWrites());
        Receive<PruneAccepted>(_ => PruneFinished());
        ReceiveAsync<TakeOver>(_ => TakeOverAsync());
    }

    /// <summary>
    /// Writes the accepted tasks to the set (<c>WriteMajority</c> unless <see cref="ComputeNodeOptions.Acceptance"/> is Local);
    /// null when they are held, else why not (the entries written are removed again).
    /// </summary>
    private async Task<string?> ReplicateAcceptedAsync(IReadOnlyList<TaskSpec> accepting, string? jobId, string head)
    {
        if (!Distributed || _replicator is null || accepting.Count == 0)
        {
            return null;
        }

        var entries = accepting.Select(s => new AcceptedTask(_selfAddress!, _selfAddress!, s, jobId, head)).ToList();
        var majority = _options.Acceptance == AcceptanceConsistency.Majority;
        IWriteConsistency write = majority ? new WriteMajority(_options.AcceptanceTimeout) : WriteLocal.Instance;
        string? error = null;
        try
        {
            var answers = await Task.WhenAll(Updates(entries, write, remove: false)
                .Select(u => _replicator.Ask<IUpdateResponse>(u, _options.AcceptanceTimeout + TimeSpan.FromSeconds(2))));
            error = answers.FirstOrDefault(a => a is not UpdateSuccess) switch
            {
                null => null,
                UpdateTimeout => $"the batch was not held by a majority of the cluster's members within {_options.AcceptanceTimeout.TotalSeconds:0.#} s (akc.cluster.acceptance = majority)",
                var other => $"the batch could not be replicated: {other}",
            };
        }
        catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
        {
            error = $"the batch was not held by a majority of the cluster's members in time (akc.cluster.acceptance = majority): {e.Message}";
        }

        if (error is not null)
        {
            RemoveAccepted(entries);
            return error + "; nothing was accepted. Retry once a majority of the members is reachable.";
        }

        foreach (var entry in entries)
        {
            _homed[entry.Spec.Id] = entry;
        }

        return null;
    }

    /// <summary>Removes the entries of a batch the journal then refused.</summary>
    private void ForgetAccepted(IReadOnlyList<TaskSpec> accepting)
    {
        var entries = accepting.Select(s => _homed.GetValueOrDefault(s.Id)).OfType<AcceptedTask>().ToList();
        foreach (var entry in entries)
        {
            _homed.Remove(entry.Spec.Id);
        }

        if (entries.Count > 0)
        {
            RemoveAccepted(entries);
        }
    }

    /// <summary>Removes entries written for a batch that was then refused (the journal failed, or a majority did not answer).</summary>
    private void RemoveAccepted(IReadOnlyList<AcceptedTask> entries)
    {
        foreach (var update in Updates(entries, WriteLocal.Instance, remove: true))
        {
            _replicator!.Tell(update, Self);
        }
    }

    /// <summary>One <see cref="Update"/> per bucket of <paramref name="entries"/>: set (or remove) each entry.</summary>
    private IEnumerable<Update> Updates(IEnumerable<AcceptedTask> entries, IWriteConsistency write, bool remove)
    {
        var node = _selfUniqueAddress!;
        foreach (var bucket in entries.GroupBy(e => AcceptedTask.BucketOf(e.Key, AcceptedTaskSet.Buckets)))
        {
            var items = bucket.ToList();
            yield return Dsl.Update(
                AcceptedTaskSet.AllKeys[bucket.Key],
                LWWDictionary<string, AcceptedTask>.Empty,
                write,
                d =>
                {
                    foreach (var e in items)
                    {
                        d = remove ? d.Remove(node, e.Key) : d.SetItem(node, e.Key, e);
                    }

                    return d;
                });
        }
    }

    /// <summary>A task this node is home to finished: its entry gets the result at the next flush (a large result is left out).</summary>
    private void ReplicateFinished(TaskResult result)
    {
        if (!_homed.TryGetValue(result.TaskId, out var entry))
        {
            return;
        }

        var small = result.Output is not { } output || output.GetRawText().Length <= MaxReplicatedResultChars;
        var updated = entry with { Home = _selfAddress!, Result = small ? result : null, FinishedAt = Now };
        _homed[result.TaskId] = updated;
        _acceptedWrites[updated.Key] = updated;
        if (!Timers.IsTimerActive("accepted-flush"))
        {
            Timers.StartSingleTimer("accepted-flush", FlushAccepted.Instance, AcceptedFlushInterval);
        }
    }

    private void FlushAcceptedWrites()
    {
        if (_acceptedWrites.Count == 0 || _replicator is null)
        {
            return;
        }

        foreach (var update in Updates(_acceptedWrites.Values, WriteLocal.Instance, remove: false))
        {
            _replicator.Tell(update, Self);
        }

        _acceptedWrites.Clear();
    }

    /// <summary>Removes the entries of tasks that finished more than <see cref="ComputeNodeOptions.ResultRetention"/> ago.</summary>
    private void PruneFinished()
    {
        var before = Now - _options.ResultRetention;
        var old = _homed.Values.Where(e => e.FinishedAt is { } at && at < before).ToList();
        if (old.Count == 0 || _replicator is null)
        {
            return;
        }

        foreach (var entry in old)
        {
            _homed.Remove(entry.Spec.Id);
            _acceptedWrites.Remove(entry.Key);
        }

        RemoveAccepted(old);
    }

    /// <summary>A member was removed (or joined again as a new incarnation): a successor home takes over its accepted tasks.</summary>
    private void HomesChanged(ClusterEvent.IMemberEvent e, string? removed)
    {
        if (e is ClusterEvent.MemberUp up)
        {
            _removedHomes.Remove(up.Member.Address.ToString());
        }

        if (removed is not null)
        {
            _removedHomes.Add(removed);
            if (_removedHomes.Any(h => HomeSuccession.SuccessorOf(h, _view.Members) == _selfAddress))
            {
                Self.Tell(TakeOver.Instance, Self);
            }
        }
    }

    /// <summary>
    /// Reads every bucket with <c>ReadMajority</c> and takes over the entries whose home was removed and whose successor this
    /// node is (unknown here yet): journals them, restores finished ones with their results, queues the others, and writes
    /// the entries back with this node as home. Retries after <see cref="TakeOverRetryInterval"/> when a read or the journal fails.
    /// </summary>
    private async Task TakeOverAsync()
    {
        var homes = _removedHomes.Where(h => HomeSuccession.SuccessorOf(h, _view.Members) == _selfAddress).ToHashSet(StringComparer.Ordinal);
        if (homes.Count == 0 || _replicator is null)
        {
            return;
        }

        List<AcceptedTask> orphans;
        try
        {
            var read = new ReadMajority(_options.AcceptanceTimeout);
            var answers = await Task.WhenAll(AcceptedTaskSet.AllKeys.Select(k =>
                _replicator.Ask<IGetResponse>(Dsl.Get(k, read), _options.AcceptanceTimeout + TimeSpan.FromSeconds(2))));
            if (answers.FirstOrDefault(a => a is not GetSuccess and not NotFound) is { } failed)
            {
                throw new InvalidOperationException($"the accepted-task set could not be read from a majority: {failed}");
            }

            orphans = answers.OfType<GetSuccess>()
                .SelectMany(g => ((LWWDictionary<string, AcceptedTask>)g.Data).Entries.Values)
                .Where(e => homes.Contains(e.Home) && _table.StateOf(e.Spec.Id) is null)
                .ToList();
            if (orphans.Count > 0)
            {
                await _history.Ask<AcceptedRecorded>(new RecordAccepted(orphans.Select(o => o.Spec).ToList()), _options.HistoryWriteTimeout);
            }
        }
        catch (Exception e)
        {
            _log.Warning("taking over the tasks of removed member(s) {0} failed, retrying in {1}: {2}", string.Join(", ", homes), TakeOverRetryInterval, e.Message);
            Timers.StartSingleTimer("take-over", TakeOver.Instance, TakeOverRetryInterval);
            return;
        }

        if (orphans.Count > 0)
        {
            Adopt(orphans);
        }
    }

    private void Adopt(List<AcceptedTask> orphans)
    {
        var finished = orphans.Where(o => o.Result is not null).ToList();
        var incomplete = orphans.Where(o => o.Result is null).ToList();
        var failed = _table.Restore(finished.Select(o => (o.Spec, o.Result!)).ToList(), incomplete.Select(o => (o.Spec, 0)).ToList());
        foreach (var orphan in orphans)
        {
            _placements[orphan.Spec.Id] = TaskPlacement.For(orphan.Spec.Id, orphan.JobId ?? "", orphan.StampedHead, orphan.Spec.Requires);
            _homed[orphan.Spec.Id] = orphan with { Home = _selfAddress! };
        }

        foreach (var orphan in incomplete)
        {
            Publish(new TaskEvent(orphan.Spec.Id, TaskState.Accepted, 0));
        }

        foreach (var orphan in finished)
        {
            RecordFinished(orphan.Result!);
        }

        RecordFinished(failed);

        // The entries now name this node as their home, so a later removal of this node hands them on from here.
        foreach (var update in Updates(incomplete.Select(o => _homed[o.Spec.Id]), new WriteMajority(_options.AcceptanceTimeout), remove: false))
        {
            _replicator!.Tell(update, Self);
        }

        _tookOver += orphans.Count;
        _log.Info("took over {0} accepted tasks of removed member(s) {1} ({2} finished there, {3} to run)",
            orphans.Count, string.Join(", ", orphans.Select(o => o.Home).Distinct()), finished.Count, incomplete.Count);
        Pump();
    }

    private sealed class FlushAccepted
    {
        public static readonly FlushAccepted Instance = new();
    }

    private sealed class PruneAccepted
    {
        public static readonly PruneAccepted Instance = new();
    }

    private sealed class TakeOver
    {
        public static readonly TakeOver Instance = new();
    }
}
