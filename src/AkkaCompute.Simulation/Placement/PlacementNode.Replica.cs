using AkkaCompute.Compute.Distributed;

namespace AkkaCompute.Simulation.Placement;

/// <summary>
/// The replica role: store records and results (first result wins), answer probes, and take over the home role of a
/// removed home. The successor rule: when a home is removed, its tasks' new home is the first member of
/// <c>Ownership.Rank</c> over the task's placement (roles ignored) and the view right after that removal; if that member is
/// removed too, the rule applies again with its own removal's view. Every node sees the same removals in the same order, so
/// every replica derives the same successor, even one that joined later. A replica that is not the successor sends the
/// record to it, so a successor that never stored the record still takes over.
/// </summary>
internal sealed partial class PlacementNode
{
    private readonly Dictionary<string, ReplicaEntry> replicas = new(StringComparer.Ordinal);
    private readonly List<ReplicaEntry> replicaOrder = [];
    private readonly ResultLedger replicaResults = new();
    private readonly ResultLedger committedResults = new();
    private readonly HashSet<string> syncPending = new(StringComparer.Ordinal);
    private TimeSpan lastForward = TimeSpan.FromDays(-1);

    private ReplicaEntry StoreReplica(TaskRecord record)
    {
        if (!replicas.TryGetValue(record.TaskId, out var entry))
        {
            entry = new ReplicaEntry(record, record.Placement with { Requires = [] });
            entry.CurrentHome = SuccessorOf(entry);
            entry.HomeHasIt = string.Equals(entry.CurrentHome, record.Home, StringComparison.Ordinal);
            replicas[record.TaskId] = entry;
            replicaOrder.Add(entry);
        }

        if (record.Result is { } result)
        {
            replicaResults.TryRecord(record.TaskId, result);
            if (record.Committed)
            {
                committedResults.TryRecord(record.TaskId, result);
            }

            entry.Record = committedResults.WinnerOf(record.TaskId) is { } committed
                ? entry.Record with { Result = committed, Committed = true }
                : entry.Record with { Result = replicaResults.WinnerOf(record.TaskId) };
        }

        return entry;
    }

    /// <summary>The home a record answers to now: its original home, or the successor chain through removals.</summary>
    private string SuccessorOf(ReplicaEntry entry)
    {
        var home = entry.Record.Home;
        for (var hops = 0; hops < 1024 && removedViews.TryGetValue(home, out var after); hops++)
        {
            var ranked = Ownership.Rank(entry.AnyRole, after);
            if (ranked.Count == 0)
            {
                break;
            }

            home = ranked[0].Address;
        }

        return home;
    }

    private void OnReplicate(string from, Replicate m)
    {
        clock = clock.Merge(m.Clock);
        var ids = new string[m.Records.Count];
        var withResult = new bool[m.Records.Count];
        List<ReplicaEntry>? mine = null;
        for (var i = 0; i < m.Records.Count; i++)
        {
            var record = m.Records[i];
            var entry = StoreReplica(record);
            ids[i] = record.TaskId;
            withResult[i] = record.Result is not null;
            if (string.Equals(entry.CurrentHome, Address, StringComparison.Ordinal) && !homeTasks.ContainsKey(record.TaskId))
            {
                (mine ??= []).Add(entry);
            }
        }

        Send(from, new Stored(ids, withResult, m.Sync));
        foreach (var record in m.Records)
        {
            if (m.StartOnHold is { } onHold && onHold.TryGetValue(record.TaskId, out var owner) && string.Equals(owner, Address, StringComparison.Ordinal))
            {
                Offer(new RunTask(record.TaskId, record.Placement, from, 0)); // start on hold: this copy completes the majority
                world.Stats.StartedOnHold++;
            }
        }

        if (mine is not null)
        {
            TakeOver(mine);
        }
    }

    /// <summary>A removed member was the home of some records: move them to their successor (this node, or send them there).</summary>
    private void TakeOverFrom(string removed)
    {
        List<ReplicaEntry>? mine = null;
        Dictionary<string, List<TaskRecord>>? others = null;
        foreach (var entry in replicaOrder)
        {
            if (!string.Equals(entry.CurrentHome, removed, StringComparison.Ordinal))
            {
                continue;
            }

            entry.CurrentHome = SuccessorOf(entry);
            entry.HomeHasIt = false;
            if (string.Equals(entry.CurrentHome, Address, StringComparison.Ordinal))
            {
                if (!homeTasks.ContainsKey(entry.Record.TaskId))
                {
                    (mine ??= []).Add(entry);
                }
            }
            else
            {
                others ??= new(StringComparer.Ordinal);
                if (!others.TryGetValue(entry.CurrentHome, out var list))
                {
                    others[entry.CurrentHome] = list = [];
                }

                list.Add(entry.Record);
            }
        }

        if (others is not null)
        {
            foreach (var m in view)
            {
                if (others.TryGetValue(m.Address, out var list))
                {
                    Send(m.Address, new Replicate(list, clock));
                }
            }
        }

        if (mine is not null)
        {
            TakeOver(mine);
        }
    }

    /// <summary>
    /// Becomes the home of these tasks. A known result is recorded and committed again; otherwise every member is asked for
    /// one first (a committed result is on a majority), and the task runs again only if nobody has it.
    /// </summary>
    private void TakeOver(List<ReplicaEntry> entries)
    {
        if (!joined || leaving)
        {
            return;
        }

        var probe = new List<string>();
        foreach (var entry in entries)
        {
            var t = new HomeTask(entry.Record with { Result = null, Committed = false }) { Accepted = true, LastSent = ctx.Now };
            t.StoredBy.Add(Address);
            homeTasks[t.Id] = t;
            homeOrder.Add(t);
            world.Stats.Takeovers++;
            if (committedResults.WinnerOf(t.Id) is { } result)
            {
                SetResult(t, result);
                continue;
            }

            t.Candidates = new(StringComparer.Ordinal);
            if (replicaResults.WinnerOf(t.Id) is { } proposal)
            {
                t.Candidates[proposal] = 1;
            }

            t.Probing = view.Select(m => m.Address).Where(a => !string.Equals(a, Address, StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
            if (t.Probing.Count == 0)
            {
                EndProbe(t);
            }
            else
            {
                probe.Add(t.Id);
            }
        }

        Log($"takes over the home role of {entries.Count} tasks from {entries[0].Record.Home}: {string.Join(",", entries.Select(e => e.Record.TaskId))}");
        if (probe.Count > 0)
        {
            SendToOthers(new ResultQuery(probe));
        }
    }

    /// <summary>Sends records again to successors that have not acknowledged them (lossy network, late joiners); at most every ResendAfter.</summary>
    private void ForwardToSuccessors()
    {
        if (ctx.Now - lastForward < options.ResendAfter)
        {
            return;
        }

        lastForward = ctx.Now;
        ResendSyncs();
        Dictionary<string, List<TaskRecord>>? batches = null;
        foreach (var entry in replicaOrder)
        {
            if (!entry.HomeHasIt && !string.Equals(entry.CurrentHome, Address, StringComparison.Ordinal) && viewSet.Contains(entry.CurrentHome))
            {
                batches ??= new(StringComparer.Ordinal);
                if (!batches.TryGetValue(entry.CurrentHome, out var list))
                {
                    batches[entry.CurrentHome] = list = [];
                }

                list.Add(entry.Record);
            }
        }

        if (batches is not null)
        {
            foreach (var m in view)
            {
                if (batches.TryGetValue(m.Address, out var list))
                {
                    Send(m.Address, new Replicate(list, clock));
                }
            }
        }
    }

    /// <summary>On this node's own join: the records whose successor it became while it was joining.</summary>
    private void TakeOverPending()
    {
        var mine = replicaOrder.Where(e => string.Equals(e.CurrentHome, Address, StringComparison.Ordinal) && !homeTasks.ContainsKey(e.Record.TaskId)).ToList();
        if (mine.Count > 0)
        {
            TakeOver(mine);
        }
    }

    private void OnResultQuery(string from, ResultQuery m) =>
        Send(from, new ResultAnswer(
            m.TaskIds,
            m.TaskIds.Select(id => committedResults.WinnerOf(id) ?? replicaResults.WinnerOf(id) ?? ledger.WinnerOf(id)).ToArray(),
            m.TaskIds.Select(id => committedResults.WinnerOf(id) is not null).ToArray()));

    /// <summary>
    /// A probe answer: a committed result is adopted at once; an uncommitted one is a candidate. Once every member answered
    /// (or left the view), the most reported candidate is adopted (ties to the ordinally smaller), or the task runs again.
    /// </summary>
    private void OnResultAnswer(string from, ResultAnswer m)
    {
        for (var i = 0; i < m.TaskIds.Count; i++)
        {
            if (!homeTasks.TryGetValue(m.TaskIds[i], out var t) || t.Probing is not { } probing)
            {
                continue;
            }

            if (m.Results[i] is { } result)
            {
                if (m.Committed[i])
                {
                    Log($"adopts committed {t.Id} = {result} from {from}");
                    t.Probing = null;
                    SetResult(t, result);
                    continue;
                }

                t.Candidates![result] = t.Candidates.GetValueOrDefault(result) + 1;
            }

            if (probing.Remove(from) && probing.Count == 0)
            {
                EndProbe(t);
            }
        }
    }

    private void EndProbe(HomeTask t)
    {
        t.Probing = null;
        var best = t.Candidates?.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key).FirstOrDefault();
        t.Candidates = null;
        if (best is not null)
        {
            Log($"adopts {t.Id} = {best} (uncommitted, most reported)");
            SetResult(t, best);
        }
        else
        {
            Place(t);
        }
    }

    /// <summary>Anti-entropy on a join: every record (and result) this node holds goes to the new member, again until it acknowledges.</summary>
    private void SendRecordsTo(string joiner)
    {
        if (replicaOrder.Count > 0)
        {
            syncPending.Add(joiner);
            Send(joiner, new Replicate(replicaOrder.Select(e => e.Record).ToList(), clock, Sync: true));
        }
    }

    private void ResendSyncs()
    {
        syncPending.RemoveWhere(a => !viewSet.Contains(a));
        foreach (var m in view)
        {
            if (syncPending.Contains(m.Address) && world.Membership.IsReachable(Address, m.Address))
            {
                Send(m.Address, new Replicate(replicaOrder.Select(e => e.Record).ToList(), clock, Sync: true));
            }
        }
    }
}
