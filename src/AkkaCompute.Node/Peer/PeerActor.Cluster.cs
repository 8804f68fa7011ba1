using Akka.Actor;
using Akka.Event;
using Akka.Cluster;
using Akka.DistributedData;
using AkkaCompute.Compute.Distributed;
using AkkaCompute.Compute.History;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Scheduling;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Node.Cluster;

namespace AkkaCompute.Node.Peer;

/// <summary>
/// The distributed part of the node (active when the actor system is an Akka.Cluster member). The node that accepts a
/// batch is its tasks' home: it keeps their workflow state and history, stamps each task with its merkle clock head at
/// acceptance, and when a task is ready sends it to its owner (<see cref="Ownership"/> over the current
/// <see cref="MembershipView"/>) in a <see cref="RunTasks"/>; the owner queues it in its own scheduler and reports each
/// attempt back. When a member is removed, the tasks placed on it that have not finished are re-scored over the
/// remaining members (<see cref="HandOff"/>) and sent to their new owners; a retry prefers another member. The home keeps
/// the first terminal result of a task; a later one (from a member that was removed but still ran it) is dropped and
/// counted.
/// </summary>
public sealed partial class PeerActor
{
    /// <summary>Separates a foreign task's home address from its id in the owner's scheduler (task ids never contain '#').</summary>
    private const char ForeignSeparator = '#';

    private readonly MembershipView _view = new();
    private readonly Dictionary<string, TaskPlacement> _placements = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Owner, QueuedTask Task)> _placed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (IActorRef Home, string TaskId, string HomeAddress)> _foreign = new(StringComparer.Ordinal);
    private MerkleClock _clock = MerkleClock.Empty;
    private string? _selfAddress;
    private IActorRef? _replicator;
    private long _duplicateResults;
    private long _handedOff;

    private bool Distributed => _selfAddress is not null;

    /// <summary>Joins the cluster's member events when the system is a cluster member; a plain system stays single-node.</summary>
    private void StartDistributed()
    {
        if (Context.System is ExtendedActorSystem { Provider: Akka.Cluster.ClusterActorRefProvider })
        {
            var cluster = Akka.Cluster.Cluster.Get(Context.System);
            _selfAddress = cluster.SelfAddress.ToString();
            cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.IMemberEvent));
            _replicator = DistributedData.Get(Context.System).Replicator;
            _replicator.Tell(Dsl.Subscribe(MerkleClockData.Key, Self));
        }
    }

    private void StopDistributed()
    {
        if (Distributed)
        {
            Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
        }
    }

    private void DistributedReceives()
    {
        Receive<ClusterEvent.IMemberEvent>(MemberChanged);
        Receive<RunTasks>(RunForeign);
        Receive<StartHeld>(StartHeldTasks);
        Receive<ForgetStartedHeld>(ForgetHeldTasks);
        Receive<AttemptReports>(ReportsArrived);
        Receive<FlushReports>(_ => FlushAll());
        Receive<Changed>(c => c.Key.Equals(MerkleClockData.Key), c => _clock = _clock.Merge(c.Get(MerkleClockData.Key).Clock));
        Receive<UpdateSuccess>(_ => { });
        Receive<IUpdateFailure>(f => _log.Warning("a replicated value could not be updated ({0}): {1}", f.Key, f));
        Receive<FlushClock>(_ =>
        {
            var snapshot = new MerkleClockData(_clock);
            _replicator?.Tell(Dsl.Update(MerkleClockData.Key, MerkleClockData.Empty, WriteLocal.Instance, d => d.Merge(snapshot)));
        });
        Receive<GetClusterStats>(_ => Sender.Tell(
            new ClusterStats(_view.Members.Count, _placed.Count(p => p.Value.Owner != _selfAddress), _foreign.Count, _handedOff, _stolen, _duplicateResults, _tookOver, _placedOnHold),
            Self));
        Receive<GetMembership>(_ => Sender.Tell(
            new MembershipSnapshot(
                _view.Members.Select(m => m.Address).ToList(),
                _view.Members.Select(m => (IReadOnlyList<string>)m.Roles.Order(StringComparer.Ordinal).ToList()).ToList()),
            Self));
        Receive<GetClusterHistory>(ClusterHistory);
        Receive<GetClock>(_ => Sender.Tell(new ClockView(_clock.Entries.Select(e => new ClockEntry(e.Key, e.Value)).ToList(), _clock.Head), Self));
        Receive<StopRemoteTask>(s =>
        {
            var key = ForeignKey(Sender.Path.Address.ToString(), s.TaskId);
            if (_foreign.ContainsKey(key))
            {
                _scheduler.Tell(new Dequeue(key), Self);
            }
        });
    }

    /// <summary>Ticks the clock (once per batch) and returns the head accepted tasks are stamped with (<see cref="Stamp"/>).</summary>
    private string StampHead()
    {
        Tick();
        return _clock.Head;
    }

    /// <summary>Stamps accepted tasks with <paramref name="head"/> (<see cref="StampHead"/>).</summary>
    private void Stamp(IReadOnlyList<TaskSpec> accepted, string? workflow, string head)
    {
        foreach (var spec in accepted)
        {
            _placements[spec.Id] = TaskPlacement.For(spec.Id, workflow ?? "", head, spec.Requires);
        }
    }

    /// <summary>Sends ready tasks to their owners: this node's scheduler, or other members in <see cref="RunTasks"/> messages.</summary>
    private void Dispatch(List<QueuedTask> ready)
    {
        if (!Distributed)
        {
            _scheduler.Tell(ready.Count == 1 ? new Enqueue(ready[0]) : new EnqueueAll(ready), Self);
            return;
        }

        List<QueuedTask>? local = null;
        Dictionary<string, List<QueuedTask>>? remote = null;
        foreach (var task in ready)
        {
            var owner = OwnerFor(task.Spec.Id, task.Spec.Requires);
            if (owner is null)
            {
                Finish(new TaskResult(task.Spec.Id, TaskState.Failed, null, NoOwnerReason(task.Spec), task.Attempt, 0));
                continue;
            }

            _placed[task.Spec.Id] = (owner, task);
            if (owner == _selfAddress)
            {
                (local ??= []).Add(task);
            }
            else
            {
                remote ??= new Dictionary<string, List<QueuedTask>>(StringComparer.Ordinal);
                if (!remote.TryGetValue(owner, out var list))
                {
                    remote[owner] = list = [];
                }

                list.Add(task);
            }
        }

        foreach (var (owner, tasks) in remote ?? [])
        {
            var target = Context.ActorSelection(MembershipView.PathOn(owner, Self.Path));
            var tooLarge = new List<QueuedTask>();
            foreach (var chunk in MessageChunks.Split(tasks, t => t.Spec, RunTasks.MaxTasks, tooLarge))
            {
                target.Tell(new RunTasks(chunk), Self);
            }

            // A task too large for a remote message runs here, its home.
            foreach (var task in tooLarge)
            {
                _placed[task.Spec.Id] = (_selfAddress!, task);
                (local ??= []).Add(task);
            }
        }

        if (local is not null)
        {
            _scheduler.Tell(local.Count == 1 ? new Enqueue(local[0]) : new EnqueueAll(local), Self);
        }
    }

    /// <summary>The owner for a task being dispatched: a retry prefers a member other than the last one that ran it.</summary>
    private string? OwnerFor(string taskId, IReadOnlyList<string> requires)
    {
        if (_view.Members.Count == 0)
        {
            return _selfAddress; // not Up yet (no member seen, not even this one): it runs what it accepts itself
        }

        if (!_placements.TryGetValue(taskId, out var placement))
        {
            // Accepted before this incarnation (resumed from the history): stamped now, with the current head.
            _placements[taskId] = placement = TaskPlacement.For(taskId, "", _clock.Head, requires);
        }

        if (_placed.TryGetValue(taskId, out var last))
        {
            return Ownership.OwnerAvoiding(placement, _view.Members, last.Owner);
        }

        return _options.Placement == PlacementMode.Home && _view.Members.FirstOrDefault(m => m.Address == _selfAddress) is { } self && self.HasRoles(requires)
            ? _selfAddress
            : Ownership.OwnerOf(placement, _view.Members);
    }

    private static string NoOwnerReason(TaskSpec spec) =>
        $"no member of the cluster has the roles the task requires ({string.Join(", ", spec.Requires)}); start a node with --roles {string.Join(",", spec.Requires)}";

    private void MemberChanged(ClusterEvent.IMemberEvent e)
    {
        var removed = _view.Apply(e);
        HomesChanged(e, removed);
        if (removed is null)
        {
            return;
        }

        _loads.Remove(removed);

        // Tasks this node placed on the removed member move to their new owners (a new attempt each).
        var orphaned = _placed
            .Where(p => p.Value.Owner == removed && _table.StateOf(p.Key) is { } s && !s.IsTerminal())
            .Select(p => new OwnedTask(p.Key, _placements[p.Key], p.Value.Owner))
            .ToList();
        var moving = new List<QueuedTask>();
        foreach (var decision in HandOff.Reassign(orphaned, _view.Members))
        {
            var previous = _placed[decision.TaskId].Task;
            _placed.Remove(decision.TaskId); // a hand-off goes to the nearest remaining member, not "another than last"
            moving.Add(previous with { Attempt = Math.Max(previous.Attempt, _table.AttemptOf(decision.TaskId)) + 1, EnqueuedAt = Now });
            _history.Tell(new RecordEvent(new TaskOwnerChanged(decision.TaskId, previous.Attempt, removed, decision.To, TaskOwnerChanged.HandOffReason, Now)), Self);
            _handedOff++;
        }

        if (moving.Count > 0)
        {
            _log.Info("{0} was removed from the cluster: {1} of its tasks handed off to other members", removed, moving.Count);
            Dispatch(moving);
        }

        // Tasks the removed member placed here: its results have nowhere to go, so queued ones are dropped.
        foreach (var (key, foreign) in _foreign.Where(f => f.Value.HomeAddress == removed).ToList())
        {
            _scheduler.Tell(new Dequeue(key), Self);
        }
    }

    /// <summary>Queues tasks a home placed here, under keys that cannot collide with this node's own task ids.</summary>
    private void RunForeign(RunTasks run) => RunForeign(Sender, Sender.Path.Address.ToString(), run.Tasks);

    /// <summary>Queues <paramref name="tasks"/> of the home <paramref name="home"/> (at <paramref name="homeAddress"/>) here.</summary>
    private void RunForeign(IActorRef home, string homeAddress, IReadOnlyList<QueuedTask> tasks)
    {
        var queued = new List<QueuedTask>(tasks.Count);
        foreach (var task in tasks)
        {
            var key = ForeignKey(homeAddress, task.Spec.Id);
            _foreign[key] = (home, task.Spec.Id, homeAddress);
            queued.Add(task with { Spec = task.Spec with { Id = key } });
        }

        if (queued.Count > 0)
        {
            _scheduler.Tell(new EnqueueAll(queued), Self);
        }
    }

    private static string ForeignKey(string homeAddress, string taskId) => homeAddress + ForeignSeparator + taskId;

    /// <summary>Reports an attempt of a foreign task to its home; false when the task is this node's own.</summary>
    private bool ForwardStarted(AttemptStarted started)
    {
        if (!_foreign.TryGetValue(started.TaskId, out var f))
        {
            return false;
        }

        ReportStarted(f.Home, started with { TaskId = f.TaskId });
        return true;
    }

    /// <summary>Reports a foreign task's attempt result to its home; false when the task is this node's own.</summary>
    private bool ForwardFinished(AttemptFinished finished)
    {
        if (!_foreign.Remove(finished.Task.Id, out var f))
        {
            return false;
        }

        ReportFinished(f.Home, finished with { Task = finished.Task with { Id = f.TaskId } });
        return true;
    }

    /// <summary>Reports a refused foreign task to its home; false when the task is this node's own.</summary>
    private bool ForwardRefused(EnqueueRefused refused)
    {
        if (!_foreign.Remove(refused.TaskId, out var f))
        {
            return false;
        }

        f.Home.Tell(refused with { TaskId = f.TaskId }, Self);
        return true;
    }

    /// <summary>A member refused a task this node placed there (its scheduler is full): the task waits for the next dispatch.</summary>
    private bool RemoteRefused(EnqueueRefused refused)
    {
        if (!Distributed || Sender.Path.Address.HasLocalScope)
        {
            return false;
        }

        _placed.Remove(refused.TaskId);
        _table.Untake(refused.TaskId);
        Timers.StartSingleTimer("redispatch", Redispatch.Instance, TimeSpan.FromSeconds(1));
        return true;
    }

    /// <summary>Forgets a finished task's placement.</summary>
    private void Placed(string taskId)
    {
        _placed.Remove(taskId);
        _placements.Remove(taskId);
    }

    /// <summary>A cancelled task placed on another member: that member drops or cancels it.</summary>
    private void CancelPlaced(string taskId)
    {
        if (_placed.TryGetValue(taskId, out var p) && p.Owner != _selfAddress)
        {
            Context.ActorSelection(MembershipView.PathOn(p.Owner, Self.Path)).Tell(new StopRemoteTask(taskId), Self);
        }
    }

    /// <summary>
    /// Ticks this node's entry (on acceptance and on completion) and, at most every <see cref="ClockFlushInterval"/>,
    /// merges the local clock into the replicated one (WriteLocal; gossip spreads it), so a busy node does not update the
    /// replicator once per task.
    /// </summary>
    private void Tick()
    {
        _clock = _clock.Tick(_selfAddress!);
        if (!Timers.IsTimerActive("clock-flush"))
        {
            Timers.StartSingleTimer("clock-flush", FlushClock.Instance, ClockFlushInterval);
        }
    }

    /// <summary>How long local ticks wait before they are merged into the replicated clock: 100 ms.</summary>
    private static readonly TimeSpan ClockFlushInterval = TimeSpan.FromMilliseconds(100);

    private sealed class FlushClock
    {
        public static readonly FlushClock Instance = new();
    }

    /// <summary>How long a member waits for the others when a client asks it about a task it does not know: 3 s.</summary>
    private static readonly TimeSpan AskOthersTimeout = TimeSpan.FromSeconds(3);

    /// <summary>
    /// A client reached this member about a task it is not home to (ClusterClient connects to any receptionist): asks the
    /// other members (<paramref name="homeOnlyRequest"/>) and answers the client with <paramref name="combine"/> over their
    /// answers. False when this member knows the task, the request came from a member, or there is nobody to ask.
    /// </summary>
    private bool AskOthersAbout(string taskId, bool homeOnly, object homeOnlyRequest, Func<IReadOnlyList<object>, object> combine)
    {
        if (!Distributed || homeOnly || _table.StateOf(taskId) is not null)
        {
            return false;
        }

        var others = _view.Members.Where(m => m.Address != _selfAddress).Select(m => Context.ActorSelection(MembershipView.PathOn(m.Address, Self.Path))).ToList();
        if (others.Count == 0)
        {
            return false;
        }

        Context.ActorOf(ScatterGather.Props(others, homeOnlyRequest, Sender, combine, AskOthersTimeout));
        return true;
    }

    /// <summary>
    /// A client's history query: every member answers from its own history (each task's home recorded it); the newest
    /// acceptances up to the limit are kept. A member's own query (HomeOnly), or a single node, reads its history only.
    /// </summary>
    private void ClusterHistory(GetClusterHistory g)
    {
        var local = new QueryHistory(g.Query);
        if (!Distributed || g.HomeOnly || _view.Members.Count == 0)
        {
            _history.Forward(local);
            return;
        }

        var members = _view.Members.Select(m => Context.ActorSelection(MembershipView.PathOn(m.Address, Self.Path))).ToList();
        Context.ActorOf(ScatterGather.Props(members, g with { HomeOnly = true }, Sender, answers => new HistoryQueryResult(
            answers.OfType<HistoryQueryResult>().SelectMany(r => r.Tasks)
                .GroupBy(t => t.Spec.Id).Select(same => same.OrderByDescending(t => t.AcceptedAt).First())
                .OrderByDescending(t => t.AcceptedAt).Take(g.Query.Limit).ToList()), AskOthersTimeout));
    }

    private object CombineCancel(IReadOnlyList<object> answers)
    {
        var results = answers.OfType<CancelResult>().ToList();
        return results.FirstOrDefault(r => r.Cancelled || r.Reason?.StartsWith("unknown task", StringComparison.Ordinal) != true)
            ?? new CancelResult(results.FirstOrDefault()?.TaskId ?? "", false, $"unknown task '{results.FirstOrDefault()?.TaskId}' (no member is its home)");
    }

    private void GetResult(GetTaskResult g)
    {
        if (AskOthersAbout(g.TaskId, g.HomeOnly, g with { HomeOnly = true }, answers =>
                answers.FirstOrDefault(a => a is TaskResult or TaskNotFinished { State: not null }) ?? new TaskNotFinished(g.TaskId, null)))
        {
            return;
        }

        Sender.Tell(_table.ResultOf(g.TaskId) is { } r ? r : new TaskNotFinished(g.TaskId, _table.StateOf(g.TaskId)), Self);
    }

    private void GetResults(GetTaskResults g)
    {
        var ids = g.TaskIds.Take(GetTaskResults.MaxIds).ToList();
        var mine = ids.Select(_table.ResultOf).OfType<TaskResult>().ToList();
        var states = g.WithStates
            ? ids.Select(id => (Id: id, State: _table.StateOf(id))).Where(s => s.State is { } state && !state.IsTerminal())
                .Select(s => new TaskProgressState(s.Id, s.State!.Value, _table.AttemptOf(s.Id), s.State == TaskState.Running ? ProgressOf(s.Id) : null)).ToList()
            : null;
        var unknown = ids.Where(id => _table.StateOf(id) is null).ToList();
        if (unknown.Count > 0 && AskOthersAbout(unknown[0], g.HomeOnly, new GetTaskResults(unknown, HomeOnly: true, g.WithStates), answers =>
                new TaskResults(
                    [.. mine, .. answers.OfType<TaskResults>().SelectMany(t => t.Finished)],
                    states is null ? null : [.. states, .. answers.OfType<TaskResults>().SelectMany(t => t.Unfinished ?? [])])))
        {
            return;
        }

        Sender.Tell(new TaskResults(mine, states), Self);
    }

    /// <summary>
    /// True when a remote owner's report must not end the task: a failure of an attempt older than the one placed now (it
    /// was handed off or retried since; a success still counts, the first result wins), or a Cancelled the home did not
    /// ask for (the home finishes a task it cancels itself, so this comes from an owner that is stopping: downed or
    /// leaving). The latter is placed again on another member at once.
    /// </summary>
    private bool StaleOrOwnerStopping(AttemptFinished f)
    {
        if (!Distributed || f.Outcome == AttemptOutcome.Succeeded || !_placed.TryGetValue(f.Task.Id, out var placed) || placed.Owner == _selfAddress)
        {
            return false;
        }

        if (f.Attempt < placed.Task.Attempt)
        {
            return true;
        }

        if (f.Outcome == AttemptOutcome.Cancelled)
        {
            Dispatch([placed.Task with { Attempt = Math.Max(placed.Task.Attempt, f.Attempt) + 1, EnqueuedAt = Now }]);
            return true;
        }

        return false;
    }

    private sealed class Redispatch
    {
        public static readonly Redispatch Instance = new();
    }
}
