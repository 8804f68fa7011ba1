using AkkaCompute.Compute.Distributed;

namespace AkkaCompute.Simulation.Placement;

/// <summary>The home role: accept, replicate to a majority, acknowledge, place, retry, hand off, record and commit results.</summary>
internal sealed partial class PlacementNode
{
    private static readonly string[] Gpu = ["gpu"];

    private readonly Dictionary<string, HomeTask> homeTasks = new(StringComparer.Ordinal);
    private readonly List<HomeTask> homeOrder = [];
    private readonly ResultLedger ledger = new();

    /// <summary>Takes the batches clients handed to this incarnation (a batch for an earlier incarnation fails at the client).</summary>
    private void TakeInbox()
    {
        var inbox = world.Inbox[index];
        while (joined && inbox.Count > 0)
        {
            var batch = inbox.Dequeue();
            if (batch.TargetUid != uid || leaving || KnowsDowned)
            {
                world.Client.Rejected += batch.TaskIds.Count;
                continue;
            }

            Accept(batch);
        }
    }

    /// <summary>Ticks the clock, stamps every task of the batch with its head, stores it and replicates it to every member.</summary>
    private void Accept(SubmittedBatch batch)
    {
        clock = clock.Tick(Address);
        var head = clock.Head;
        var records = new List<TaskRecord>(batch.TaskIds.Count);
        Dictionary<string, string>? onHold = null;
        for (var i = 0; i < batch.TaskIds.Count; i++)
        {
            var record = new TaskRecord(batch.TaskIds[i], TaskPlacement.For(batch.TaskIds[i], batch.Workflow, head, batch.Gpu[i] ? Gpu : null), Address, null);
            StoreReplica(record);
            var task = new HomeTask(record);
            task.StoredBy.Add(Address);
            homeTasks[task.Id] = task;
            homeOrder.Add(task);
            records.Add(record);
            world.Stats.Accepted++;
            if (Majority == 2 && Ownership.OwnerOf(record.Placement, view) is { } owner && !string.Equals(owner, Address, StringComparison.Ordinal))
            {
                (onHold ??= new(StringComparer.Ordinal))[record.TaskId] = task.StartedOnHold = owner;
            }

            if (options.Bug == PlacementBug.AckBeforeReplication)
            {
                world.Client.Ack(task.Id);
            }
        }

        Log($"accepts {batch.Workflow} ({records.Count} tasks, head {head[..8]})");
        SendToOthers(new Replicate(records, clock, StartOnHold: onHold));
        foreach (var record in records)
        {
            CheckAccepted(homeTasks[record.TaskId]);
        }
    }

    private void OnStored(string from, Stored m)
    {
        if (m.Sync)
        {
            syncPending.Remove(from);
        }

        for (var i = 0; i < m.TaskIds.Count; i++)
        {
            if (replicas.TryGetValue(m.TaskIds[i], out var entry) && string.Equals(entry.CurrentHome, from, StringComparison.Ordinal))
            {
                entry.HomeHasIt = true;
            }
        }

        if (!viewSet.Contains(from))
        {
            return;
        }

        for (var i = 0; i < m.TaskIds.Count; i++)
        {
            if (homeTasks.TryGetValue(m.TaskIds[i], out var t))
            {
                t.StoredBy.Add(from);
                if (m.WithResult[i])
                {
                    t.ResultStoredBy.Add(from);
                }

                CheckAccepted(t);
                CheckCommitted(t);
            }
        }
    }

    /// <summary>Once a majority of the view stored the task: acknowledge it to the client and send it to its owner.</summary>
    private void CheckAccepted(HomeTask t)
    {
        if (!t.Accepted && CountInView(t.StoredBy) >= Majority)
        {
            t.Accepted = true;
            world.Client.Ack(t.Id);
            Place(t);
        }
    }

    private void Place(HomeTask t)
    {
        t.Owner = Ownership.OwnerOf(t.Placement, view);
        if (t.StartedOnHold is { } held && string.Equals(held, t.Owner, StringComparison.Ordinal) && t.Attempt == 0)
        {
            t.LastSent = ctx.Now; // started there when it stored the task; a lost copy is sent again as a RunTask (Nudge)
            return;
        }

        SendRun(t);
    }

    private void SendRun(HomeTask t)
    {
        if (t.Owner is { } owner)
        {
            Send(owner, new RunTask(t.Id, t.Placement, Address, t.Attempt));
            t.LastSent = ctx.Now;
        }
    }

    /// <summary>
    /// The push tick: replicas and results to members that have not stored them (lossy network, joins), RunTask again to a
    /// reachable owner that has not answered, probes again; drops tasks committed and stored everywhere.
    /// </summary>
    private void Push()
    {
        if (!joined || leaving)
        {
            return;
        }

        ForwardToSuccessors();
        if (homeOrder.Count == 0)
        {
            return;
        }

        var now = ctx.Now;
        Dictionary<string, List<TaskRecord>>? batches = null;
        foreach (var t in homeOrder)
        {
            var everywhere = true;
            foreach (var m in view)
            {
                var stored = t.Result is null ? t.StoredBy : t.ResultStoredBy;
                if (!stored.Contains(m.Address) && !string.Equals(m.Address, Address, StringComparison.Ordinal))
                {
                    everywhere = false;
                    batches ??= new(StringComparer.Ordinal);
                    if (!batches.TryGetValue(m.Address, out var list))
                    {
                        batches[m.Address] = list = [];
                    }

                    list.Add(t.Record);
                }
            }

            if (t.Probing is { } probing && now - t.LastSent >= options.ResendAfter)
            {
                t.LastSent = now;
                foreach (var m in view.Where(m => probing.Contains(m.Address)))
                {
                    Send(m.Address, new ResultQuery([t.Id]));
                }
            }
            else if (t.Result is null && t.Accepted && t.Probing is null)
            {
                Nudge(t, now);
            }

            t.Active = !(t.Committed && everywhere);
        }

        homeOrder.RemoveAll(t => !t.Active);
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

    /// <summary>A placed task without a result: place it if it had no owner, hand it off if its owner left, resend if due.</summary>
    private void Nudge(HomeTask t, TimeSpan now)
    {
        if (t.Owner is null)
        {
            Place(t);
        }
        else if (!viewSet.Contains(t.Owner))
        {
            Reassign([t]);
        }
        else if (now - t.LastSent >= options.ResendAfter && world.Membership.IsReachable(Address, t.Owner))
        {
            SendRun(t);
        }
    }

    /// <summary>Hand-off: the unfinished tasks this home placed at a member that is no longer in the view are re-scored (HandOff.Reassign).</summary>
    private void Reassign(IEnumerable<HomeTask> tasks)
    {
        var unfinished = tasks.Where(t => t.Result is null && t.Accepted && t.Probing is null && t.Owner is not null)
            .Select(t => new OwnedTask(t.Id, t.Placement, t.Owner!))
            .ToList();
        foreach (var d in HandOff.Reassign(unfinished, view))
        {
            var t = homeTasks[d.TaskId];
            t.Owner = d.To;
            world.Stats.HandOffs++;
            Log($"hands {d.TaskId} off from {d.From} to {d.To ?? "nobody (waits for a member with its roles)"}");
            SendRun(t);
        }
    }

    private void ReassignFrom(string removed) =>
        Reassign(homeOrder.Where(t => string.Equals(t.Owner, removed, StringComparison.Ordinal)).ToList());

    private void OnHandBack(string from, HandBack m) =>
        Reassign(m.TaskIds.Select(id => homeTasks.GetValueOrDefault(id)).OfType<HomeTask>().Where(t => string.Equals(t.Owner, from, StringComparison.Ordinal)).ToList());

    /// <summary>The owner was stolen from: the thief owns the task now (ignored if the thief already left the view).</summary>
    private void OnOwnerMoved(string from, OwnerMoved m)
    {
        if (homeTasks.TryGetValue(m.TaskId, out var t) && t.Result is null && t.Probing is null && m.Attempt >= t.Attempt &&
            string.Equals(t.Owner, from, StringComparison.Ordinal) && viewSet.Contains(m.NewOwner))
        {
            t.Attempt = m.Attempt;
            t.Owner = m.NewOwner;
            t.LastSent = ctx.Now;
        }
    }

    /// <summary>A run ended: record a terminal result (first wins), or retry a failure on another node (Ownership.OwnerAvoiding).</summary>
    private void OnTaskDone(string from, TaskDone m)
    {
        clock = clock.Merge(m.Clock);
        if (!homeTasks.TryGetValue(m.TaskId, out var t) || leaving)
        {
            return;
        }

        if (t.Result is not null)
        {
            if (!ledger.TryRecord(m.TaskId, m.Producer))
            {
                world.Stats.DuplicateResults++;
            }

            return;
        }

        if (t.Probing is not null || m.Attempt < t.Attempt)
        {
            return;
        }

        if (m.Ok || m.Attempt + 1 >= options.MaxAttempts)
        {
            SetResult(t, m.Producer);
            return;
        }

        t.Attempt = m.Attempt + 1;
        t.Owner = Ownership.OwnerAvoiding(t.Placement, view, from);
        world.Stats.Retries++;
        Log($"retries {t.Id} (attempt {t.Attempt}) on {t.Owner}");
        SendRun(t);
    }

    /// <summary>Records the result in this home's ledger, ticks the clock and replicates the result; commits at a majority.</summary>
    private void SetResult(HomeTask t, string producer)
    {
        world.Checker.Recorded(this, t.Id);
        if (!ledger.TryRecord(t.Id, producer))
        {
            world.Stats.DuplicateResults++;
            producer = ledger.WinnerOf(t.Id)!;
        }

        clock = clock.Tick(Address);
        t.Result = producer;
        t.Record = t.Record with { Result = producer };
        StoreReplica(t.Record);
        t.ResultStoredBy.Add(Address);
        SendToOthers(new Replicate([t.Record], clock));
        CheckCommitted(t);
    }

    private void CheckCommitted(HomeTask t)
    {
        if (!t.Committed && t.Result is { } result && CountInView(t.ResultStoredBy) >= Majority)
        {
            t.Committed = true;
            Log($"commits {t.Id} = {result}");
            world.Client.Deliver(t.Id, result, Address);

            // Every member learns that this result is the committed one (it wins over proposals they stored before).
            t.Record = t.Record with { Committed = true };
            StoreReplica(t.Record);
            t.ResultStoredBy.Clear();
            t.ResultStoredBy.Add(Address);
            SendToOthers(new Replicate([t.Record], clock));
        }
    }
}
