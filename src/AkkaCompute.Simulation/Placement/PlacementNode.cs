using AkkaCompute.Compute.Distributed;

namespace AkkaCompute.Simulation.Placement;

/// <summary>
/// One node of the placement protocol, as the real PeerActor/SchedulerActor pair behaves, written as a simulated state
/// machine over the pure functions of <c>AkkaCompute.Compute.Distributed</c>. It plays three roles at once: home (accepts
/// batches, replicates, places, records results), owner (queues and runs tasks, steals, hands over on leave) and replica
/// (stores records, takes over the home role of removed homes). Split in partial files by role.
/// </summary>
internal sealed partial class PlacementNode : ISimulatedNode<Envelope>
{
    private static readonly object PollTick = new();
    private static readonly object PushTick = new();
    private static readonly object LoadTick = new();

    private readonly PlacementWorld world;
    private readonly PlacementOptions options;
    private readonly int index;
    private readonly long uid;
    private readonly HashSet<string> viewSet = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<ClusterMember>> removedViews = new(StringComparer.Ordinal);
    private ISimContext<Envelope> ctx = null!;
    private MerkleClock clock = MerkleClock.Empty;
    private IReadOnlyList<ClusterMember> view = [];
    private bool joined;
    private bool leaving;
    private bool stopped;
    private int cursor;

    public PlacementNode(PlacementWorld world, int index, long uid)
    {
        this.world = world;
        options = world.Options;
        this.index = index;
        this.uid = uid;
    }

    public string Address { get; private set; } = "";

    /// <summary>True once this incarnation learnt that the split-brain resolver downed it.</summary>
    public bool KnowsDowned { get; private set; }

    /// <summary>Downed (unless the broken variant keeps running) or exited: ignores everything.</summary>
    private bool Inactive => stopped || (KnowsDowned && options.Bug != PlacementBug.RunAfterDowned);

    private int Majority => (view.Count / 2) + 1;

    public void OnStart(ISimContext<Envelope> context)
    {
        ctx = context;
        Address = world.Membership.RequestJoin(index, uid, context.Incarnation);
        foreach (var e in world.Membership.Events.Where(e => !e.Joined))
        {
            removedViews[e.Member.Address] = e.View;
        }
        ctx.SetTimer(options.MembershipPoll, PollTick);
        ctx.SetTimer(Jitter(options.PushInterval), PushTick);
        ctx.SetTimer(Jitter(options.LoadInterval), LoadTick);
    }

    public void OnMessage(ISimContext<Envelope> context, NodeId from, Envelope message)
    {
        if (Inactive || !string.Equals(message.To, Address, StringComparison.Ordinal))
        {
            return;
        }

        TakeInbox();
        var sender = message.From;
        switch (message.Body)
        {
            case Replicate m: OnReplicate(sender, m); break;
            case Stored m: OnStored(sender, m); break;
            case RunTask m: Offer(m); break;
            case TaskDone m: OnTaskDone(sender, m); break;
            case OwnerMoved m: OnOwnerMoved(sender, m); break;
            case LoadReport m: loads[sender] = m.Load; break;
            case StealRequest m: OnStealRequest(sender, m); break;
            case StealGrant m: OnStealGrant(m); break;
            case HandBack m: OnHandBack(sender, m); break;
            case ResultQuery m: OnResultQuery(sender, m); break;
            case ResultAnswer m: OnResultAnswer(sender, m); break;
        }
    }

    public void OnTimer(ISimContext<Envelope> context, object tag)
    {
        if (Inactive)
        {
            return;
        }

        if (ReferenceEquals(tag, PollTick))
        {
            Poll();
            TakeInbox();
            ctx.SetTimer(options.MembershipPoll, PollTick);
        }
        else if (ReferenceEquals(tag, PushTick))
        {
            Push();
            ctx.SetTimer(options.PushInterval, PushTick);
        }
        else if (ReferenceEquals(tag, LoadTick))
        {
            AdvertiseAndSteal();
            ctx.SetTimer(options.LoadInterval, LoadTick);
        }
        else if (tag is RunDone done)
        {
            Finish(done);
        }
    }

    /// <summary>True if this node holds the task's record (as home or replica).</summary>
    public bool HoldsRecord(string taskId) => replicas.ContainsKey(taskId) || homeTasks.ContainsKey(taskId);

    /// <summary>True if this node holds a recorded result for the task (home ledger or replica).</summary>
    public bool HoldsResult(string taskId) => ledger.WinnerOf(taskId) is not null || replicaResults.WinnerOf(taskId) is not null || committedResults.WinnerOf(taskId) is not null;

    /// <summary>What this node knows of a task, for diagnostics: its home, replica and owner state.</summary>
    public string Describe(string taskId)
    {
        var parts = new List<string> { Address + (joined ? "" : " (not joined)") + (leaving ? " (leaving)" : "") };
        if (homeTasks.TryGetValue(taskId, out var h))
        {
            parts.Add($"home: accepted={h.Accepted} owner={h.Owner} attempt={h.Attempt} result={h.Result} committed={h.Committed} probing={(h.Probing is null ? "-" : string.Join(",", h.Probing))} stored={h.StoredBy.Count} active={h.Active}");
        }

        if (replicas.TryGetValue(taskId, out var r))
        {
            parts.Add($"replica: home={r.Record.Home} current={r.CurrentHome} result={r.Record.Result}");
        }

        if (owned.TryGetValue(taskId, out var o))
        {
            parts.Add($"owner: {o.State} attempt={o.Attempt} home={o.Home} moved={o.MovedTo}");
        }

        return string.Join(" | ", parts);
    }

    /// <summary>Reads the membership events this node has not seen yet, and whether it was downed.</summary>
    private void Poll()
    {
        if (!KnowsDowned && world.Membership.IsDowned(uid))
        {
            KnowsDowned = true;
            Log("learns it was downed: stops");
            if (Inactive)
            {
                return;
            }
        }

        if (!leaving && joined && world.Membership.IsLeaving(uid))
        {
            StartLeaving();
        }

        var events = world.Membership.Events;
        while (cursor < events.Count && !Inactive)
        {
            Apply(events[cursor++]);
        }
    }

    private void Apply(MembershipEvent e)
    {
        var self = e.Member.Uid == uid;
        if (!joined)
        {
            if (!e.Joined && !self)
            {
                // Successors are derived from every removal, so records stored while joining answer to the right home.
                removedViews[e.Member.Address] = e.View;
                TakeOverFrom(e.Member.Address);
            }
            else if (e.Joined && self)
            {
                joined = true;
                SetView(e.View);
                TakeOverPending();
            }

            return;
        }

        SetView(e.View);
        if (e.Joined)
        {
            if (!self)
            {
                SendRecordsTo(e.Member.Address);
            }
        }
        else if (self)
        {
            // Downed or left: this node already stopped (it learnt either before the others saw it removed).
        }
        else
        {
            removedViews[e.Member.Address] = e.View;
            OnRemoved(e.Member.Address);
        }
    }

    private void SetView(IReadOnlyList<ClusterMember> members)
    {
        view = members;
        viewSet.Clear();
        foreach (var m in members)
        {
            viewSet.Add(m.Address);
        }
    }

    private void OnRemoved(string address)
    {
        loads.Remove(address);
        ReassignFrom(address);
        TakeOverFrom(address);
        foreach (var t in homeOrder)
        {
            if (t.Probing is { } probing && probing.Remove(address) && probing.Count == 0)
            {
                EndProbe(t);
            }
        }
    }

    private void Send(string to, PlacementMessage body)
    {
        if (world.NodeOfAddress.TryGetValue(to, out var node))
        {
            ctx.Send(new NodeId(node), new Envelope(Address, to, body));
        }
    }

    private void SendToOthers(PlacementMessage body)
    {
        foreach (var m in view)
        {
            if (!string.Equals(m.Address, Address, StringComparison.Ordinal))
            {
                Send(m.Address, body);
            }
        }
    }

    private int CountInView(HashSet<string> addresses)
    {
        var n = 0;
        foreach (var m in view)
        {
            if (addresses.Contains(m.Address))
            {
                n++;
            }
        }

        return n;
    }

    private TimeSpan Jitter(TimeSpan interval) => TimeSpan.FromTicks((long)(interval.Ticks * (0.5 + ctx.Random.NextDouble())));

    private void Log(string text)
    {
        if (world.Tracing)
        {
            world.Log(Address + " " + text);
        }
    }
}
