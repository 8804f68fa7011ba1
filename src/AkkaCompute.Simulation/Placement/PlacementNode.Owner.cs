using AkkaCompute.Compute.Distributed;

namespace AkkaCompute.Simulation.Placement;

/// <summary>The owner role: queue and run tasks, report results, advertise load, steal and be stolen from, leave gracefully.</summary>
internal sealed partial class PlacementNode
{
    private readonly Dictionary<string, OwnerTask> owned = new(StringComparer.Ordinal);
    private readonly LinkedList<OwnerTask> queue = new();
    private readonly Dictionary<string, NodeLoad> loads = new(StringComparer.Ordinal);
    private int running;
    private TimeSpan lastSteal = TimeSpan.FromDays(-1);

    /// <summary>A RunTask from a home (or a stolen one): idempotent by task id and attempt.</summary>
    private void Offer(RunTask m)
    {
        if (!joined || leaving)
        {
            return;
        }

        if (!owned.TryGetValue(m.TaskId, out var t))
        {
            t = new OwnerTask(m);
            owned[t.Id] = t;
            Enqueue(t, m.Attempt);
            return;
        }

        t.Home = m.Home;
        switch (t.State)
        {
            case RunState.Queued or RunState.Running:
                t.Attempt = Math.Max(t.Attempt, m.Attempt);
                break;
            case RunState.Done when m.Attempt > t.Attempt && !t.Ok:
            case RunState.Moved when m.Attempt > t.Attempt || !viewSet.Contains(t.MovedTo):
            case RunState.HandedBack:
                Enqueue(t, m.Attempt);
                break;
            case RunState.Done:
                Send(t.Home, new TaskDone(t.Id, t.Attempt, t.Ok, t.Producer, clock));
                break;
            case RunState.Moved:
                Send(t.Home, new OwnerMoved(t.Id, t.Attempt, t.MovedTo));
                break;
        }
    }

    private void Enqueue(OwnerTask t, int attempt)
    {
        t.Attempt = attempt;
        t.State = RunState.Queued;
        queue.AddLast(t);
        TryStart();
    }

    private void TryStart()
    {
        while (!leaving && running < options.Executors && queue.First is { } first)
        {
            queue.RemoveFirst();
            var t = first.Value;
            t.State = RunState.Running;
            running++;
            world.Checker.Started(this, t.Id);
            world.Stats.Runs++;
            Log($"runs {t.Id} (attempt {t.Attempt}) for {t.Home}");
            var duration = options.RunMin + ((options.RunMax - options.RunMin) * ctx.Random.NextDouble());
            ctx.SetTimer(duration, new RunDone(t.Id, t.Attempt));
        }
    }

    private void Finish(RunDone done)
    {
        running--;
        if (owned.TryGetValue(done.TaskId, out var t) && t.State == RunState.Running)
        {
            t.Ok = ctx.Random.NextDouble() >= options.FailureProbability;
            t.State = RunState.Done;
            t.Producer = Address + "/a" + t.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture) + (t.Ok ? "" : "/failed");
            Send(t.Home, new TaskDone(t.Id, t.Attempt, t.Ok, t.Producer, clock));
        }

        if (leaving)
        {
            ExitWhenIdle();
        }
        else
        {
            TryStart();
        }
    }

    /// <summary>Advertises this node's load to every member; an idle node plans a steal over the reachable members' loads.</summary>
    private void AdvertiseAndSteal()
    {
        if (!joined || leaving)
        {
            return;
        }

        var me = new NodeLoad(Address, queue.Count, running, options.Executors);
        SendToOthers(new LoadReport(me));
        if (!me.Idle || ctx.Now - lastSteal < options.ResendAfter)
        {
            return;
        }

        var others = loads.Values.Where(l => viewSet.Contains(l.Address) && world.Membership.IsReachable(Address, l.Address)).ToList();
        if (WorkStealing.Plan(me, others, options.StealBatchMax) is { } steal)
        {
            lastSteal = ctx.Now;
            loads.Remove(steal.Victim);
            Send(steal.Victim, new StealRequest(steal.Count));
        }
    }

    /// <summary>Victim: hands over up to the asked count of queued (never running) tasks, newest first, and tells their homes.</summary>
    private void OnStealRequest(string thief, StealRequest m)
    {
        if (!joined || leaving || !viewSet.Contains(thief))
        {
            return;
        }

        var grant = new List<RunTask>();
        while (grant.Count < m.Count && queue.Last is { } last)
        {
            queue.RemoveLast();
            var t = last.Value;
            t.State = RunState.Moved;
            t.MovedTo = thief;
            grant.Add(new RunTask(t.Id, t.Placement, t.Home, t.Attempt));
        }

        if (grant.Count == 0)
        {
            return;
        }

        world.Stats.Stolen += grant.Count;
        Log($"gives {grant.Count} queued tasks to {thief}");
        Send(thief, new StealGrant(grant));
        foreach (var g in grant)
        {
            Send(g.Home, new OwnerMoved(g.TaskId, g.Attempt, thief));
        }
    }

    private void OnStealGrant(StealGrant m)
    {
        lastSteal = TimeSpan.FromDays(-1);
        foreach (var run in m.Tasks)
        {
            Offer(run);
        }
    }

    /// <summary>Graceful leave: stop being a home, hand queued tasks back to their homes, finish running ones, then exit.</summary>
    private void StartLeaving()
    {
        leaving = true;
        var byHome = new List<(string Home, List<string> Ids)>();
        foreach (var t in queue)
        {
            t.State = RunState.HandedBack;
            var i = byHome.FindIndex(x => string.Equals(x.Home, t.Home, StringComparison.Ordinal));
            if (i < 0)
            {
                byHome.Add((t.Home, [t.Id]));
            }
            else
            {
                byHome[i].Ids.Add(t.Id);
            }
        }

        Log($"leaves: hands {queue.Count} queued tasks back, {running} still running");
        queue.Clear();
        foreach (var (home, ids) in byHome)
        {
            Send(home, new HandBack(ids));
        }

        homeTasks.Clear();
        homeOrder.Clear();
        ExitWhenIdle();
    }

    private void ExitWhenIdle()
    {
        if (running == 0 && !stopped)
        {
            stopped = true;
            world.Membership.Exited(uid);
        }
    }
}
