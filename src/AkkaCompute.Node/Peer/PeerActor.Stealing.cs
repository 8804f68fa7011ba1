using Akka.Actor;
using Akka.Event;
using AkkaCompute.Compute.Distributed;
using AkkaCompute.Compute.History;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Scheduling;
using AkkaCompute.Node.Cluster;
using AkkaCompute.Node.Scheduling;

namespace AkkaCompute.Node.Peer;

/// <summary>
/// Work stealing between members (<see cref="WorkStealing"/>; Blumofe and Leiserson 1999, as Dask's scheduler does it):
/// every <see cref="ComputeNodeOptions.LoadReportInterval"/> a member reads its scheduler's counters, reports them to the
/// other members (<see cref="LoadReport"/>) and, when it is idle, asks the member with the largest backlog for its share
/// (<see cref="StealRequest"/>, one request in flight at a time). The victim's scheduler gives up queued tasks, never
/// running ones (<see cref="TakeQueued"/>); the victim sends them to the thief in <see cref="RunTasks"/> on behalf of each
/// task's home (the message's sender is the home, so the thief reports attempts straight to it) and tells the home the
/// new owner (<see cref="TaskMoved"/>), so cancels and hand-offs follow the task.
/// </summary>
public sealed partial class PeerActor
{
    /// <summary>The most tasks one steal moves: 200.</summary>
    private const int StealBatchMax = 200;

    private readonly Dictionary<string, NodeLoad> _loads = new(StringComparer.Ordinal);
    private DateTimeOffset _stealPendingUntil = DateTimeOffset.MinValue;
    private long _stolen;

    private void StartStealing()
    {
        if (Distributed && _options.WorkStealing)
        {
            Timers.StartPeriodicTimer("load-tick", LoadTick.Instance, _options.LoadReportInterval);
        }
    }

    private void StealingReceives()
    {
        Receive<LoadTick>(_ => _scheduler.Tell(new GetSchedulerState(), Self));
        Receive<SchedulerState>(OwnLoad);
        Receive<LoadReport>(r =>
        {
            var from = Sender.Path.Address.ToString();
            if (_view.Contains(from))
            {
                _loads[from] = new NodeLoad(from, r.Queued, r.Running, r.Executors);
            }
        });
        Receive<StealRequest>(r => _scheduler.Tell(new TakeQueued(Math.Clamp(r.Count, 1, StealBatchMax), Sender), Self));
        Receive<QueuedTaken>(GiveAway);
        Receive<TaskMoved>(m =>
        {
            if (_placed.TryGetValue(m.TaskId, out var p))
            {
                _placed[m.TaskId] = (m.NewOwner, p.Task);
                _history.Tell(new RecordEvent(new TaskOwnerChanged(m.TaskId, p.Task.Attempt, p.Owner, m.NewOwner, TaskOwnerChanged.StealReason, Now)), Self);
            }
        });
    }

    /// <summary>Reports this member's load to the others and steals when idle.</summary>
    private void OwnLoad(SchedulerState state)
    {
        var mine = new NodeLoad(_selfAddress!, state.Queued, state.Running, _options.MaxConcurrent);
        var report = new LoadReport(mine.Queued, mine.Running, mine.Executors);
        foreach (var member in _view.Members.Where(m => m.Address != _selfAddress))
        {
            Context.ActorSelection(MembershipView.PathOn(member.Address, Self.Path)).Tell(report, Self);
        }

        if (Now < _stealPendingUntil)
        {
            return;
        }

        if (WorkStealing.Plan(mine, _loads.Values.Where(l => _view.Contains(l.Address)), StealBatchMax) is { } steal)
        {
            _stealPendingUntil = Now + (4 * _options.LoadReportInterval);
            _loads.Remove(steal.Victim); // its next report says what is left
            Context.ActorSelection(MembershipView.PathOn(steal.Victim, Self.Path)).Tell(new StealRequest(steal.Count), Self);
        }
    }

    /// <summary>Sends tasks the scheduler gave up to the thief, each on behalf of its home.</summary>
    private void GiveAway(QueuedTaken taken)
    {
        if (taken.Tasks.Count == 0)
        {
            return;
        }

        // Tasks re-enqueued here keep their keys: foreign ones stay in _foreign, own ones in _placed.

        var thief = taken.Thief;
        var thiefAddress = thief.Path.Address.ToString();
        var thiefMember = _view.Members.FirstOrDefault(m => m.Address == thiefAddress);
        var keep = new List<QueuedTask>();
        var give = new List<QueuedTask>(taken.Tasks.Count);
        foreach (var task in taken.Tasks)
        {
            (thiefMember is not null && thiefMember.HasRoles(task.Spec.Requires) ? give : keep).Add(task);
        }

        if (keep.Count > 0)
        {
            _scheduler.Tell(new EnqueueAll(keep), Self); // the thief lacks a role these need (or left): they stay here
        }

        var byHome = new Dictionary<IActorRef, List<QueuedTask>>();
        foreach (var task in give)
        {
            QueuedTask original;
            IActorRef home;
            if (_foreign.Remove(task.Spec.Id, out var f))
            {
                original = task with { Spec = task.Spec with { Id = f.TaskId } };
                home = f.Home;
                home.Tell(new TaskMoved(f.TaskId, thiefAddress), Self);
            }
            else
            {
                original = task;
                home = Self;
                _placed[task.Spec.Id] = (thiefAddress, task);
            }

            if (!byHome.TryGetValue(home, out var list))
            {
                byHome[home] = list = [];
            }

            list.Add(original);
        }

        foreach (var (home, tasks) in byHome)
        {
            foreach (var chunk in MessageChunks.Split(tasks, t => t.Spec, RunTasks.MaxTasks, oversized: []))
            {
                thief.Tell(new RunTasks(chunk), home);
            }
        }

        var given = give.Count;
        _stolen += given;
        if (given > 0)
        {
            _log.Info("gave {0} queued tasks to {1} (work stealing)", given, thiefAddress);
        }
    }

    private sealed class LoadTick
    {
        public static readonly LoadTick Instance = new();
    }
}
