using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Compute.History;

/// <summary>What the history knows of one task.</summary>
/// <param name="Spec">The task (as last accepted).</param>
/// <param name="State">Its latest state.</param>
/// <param name="Attempts">Attempts started, in all its runs (attempt numbers go on when a task is run again).</param>
/// <param name="AcceptedAt">When it was last accepted (a task run again after it failed is accepted again).</param>
/// <param name="FinishedAt">When it finished, if it did.</param>
/// <param name="Result">Its result, if finished.</param>
/// <param name="Events">Its events, oldest first (at most <see cref="HistoryProjection.MaxEventsPerTask"/>).</param>
public sealed record TaskHistory(TaskSpec Spec, TaskState State, int Attempts, DateTimeOffset AcceptedAt, DateTimeOffset? FinishedAt, TaskResult? Result, IReadOnlyList<ITaskHistoryEvent> Events);

/// <summary>Counts and durations over the history.</summary>
/// <param name="Total">Tasks known.</param>
/// <param name="ByState">Tasks per latest state.</param>
/// <param name="SuccessRate">Succeeded / finished; 0 when none finished.</param>
/// <param name="DurationP50Ms">Median duration of finished attempts, in ms.</param>
/// <param name="DurationP95Ms">95th percentile, in ms.</param>
/// <param name="DurationP99Ms">99th percentile, in ms.</param>
public sealed record HistoryStats(int Total, IReadOnlyDictionary<TaskState, int> ByState, double SuccessRate, double DurationP50Ms, double DurationP95Ms, double DurationP99Ms);

/// <summary>A history query; null fields match everything.</summary>
/// <param name="TaskId">Only this task.</param>
/// <param name="State">Only tasks whose latest state is this.</param>
/// <param name="From">Only tasks accepted at or after this time.</param>
/// <param name="To">Only tasks accepted before this time.</param>
/// <param name="Limit">Most entries returned; 1 to 100,000 (default 1,000).</param>
/// <param name="Tags">Only tasks carrying every one of these tags (<see cref="TaskSpec.Tags"/>, ordinal); null or empty for any.</param>
public sealed record HistoryQuery(string? TaskId = null, TaskState? State = null, DateTimeOffset? From = null, DateTimeOffset? To = null, int Limit = 1_000, IReadOnlyList<string>? Tags = null)
{
    /// <summary>True when <paramref name="spec"/> carries every tag of <see cref="Tags"/> (always when it names none).</summary>
    /// <param name="spec">The task.</param>
    public bool TagsMatch(TaskSpec spec) => Tags is not { Count: > 0 } tags || tags.All(t => spec.Tags.Contains(t, StringComparer.Ordinal));
}

/// <summary>
/// The pure fold of task history events into per-task summaries, queries and statistics. Used by
/// the HistoryActor during recovery and at run time, and by <c>akc history</c> reading the journal.
/// Events for unknown tasks (no TaskAccepted) are ignored; a second TaskFinished for a task is ignored
/// (a result is recorded once per run). A TaskAccepted for a finished task starts a new run of it (a re-run: one that
/// failed, timed out or was cancelled, or one that succeeded and whose input files changed since): its state becomes
/// Accepted again (Scheduled when it has a due time, <see cref="TaskSpec.NotBefore"/>, until an attempt starts), its result is cleared, and its earlier events stay in <see cref="TaskHistory.Events"/> followed by
/// the new acceptance. A TaskAccepted for a task that has not finished is ignored.
/// </summary>
public sealed class HistoryProjection
{
    /// <summary>Events kept per task for <see cref="TaskHistory.Events"/>.</summary>
    public const int MaxEventsPerTask = 64;

    private readonly Dictionary<string, Row> _rows = new(StringComparer.Ordinal);
    private readonly List<Row> _order = [];

    /// <summary>Tasks known.</summary>
    public int Count => _rows.Count;

    /// <summary>
    /// Applies a journaled payload: a single <see cref="ITaskHistoryEvent"/>, a <see cref="TasksAccepted"/>
    /// or a <see cref="TaskEventBatch"/>; anything else is ignored.
    /// </summary>
    /// <returns>The number of task events applied.</returns>
    public int ApplyStored(object payload)
    {
        switch (payload)
        {
            case ITaskHistoryEvent e:
                Apply(e);
                return 1;
            case TasksAccepted accepted:
                foreach (var e in accepted.Unfold())
                {
                    Apply(e);
                }

                return accepted.Specs.Count;
            case TaskEventBatch batch:
                foreach (var e in batch.Events)
                {
                    Apply(e);
                }

                return batch.Events.Count;
            default:
                return 0;
        }
    }

    /// <summary>Applies one event.</summary>
    public void Apply(ITaskHistoryEvent e)
    {
        if (e is TaskAccepted a)
        {
            if (!_rows.TryGetValue(a.TaskId, out var known))
            {
                var row = new Row(a.Spec, a.At);
                _rows[a.TaskId] = row;
                _order.Add(row);
            }
            else if (known.State.IsTerminal())
            {
                known.Rerun(a);
            }

            return;
        }

        if (!_rows.TryGetValue(e.TaskId, out var r) || r.State.IsTerminal())
        {
            return;
        }

        switch (e)
        {
            case TaskStarted s:
                r.AddMiddle(s);
                r.State = TaskState.Running;
                r.Attempts = Math.Max(r.Attempts, s.Attempt);
                break;
            case TaskRetrying:
                r.AddMiddle(e);
                r.State = TaskState.Retrying;
                break;
            case TaskFinished f:
                r.State = f.Result.State;
                r.Result = f.Result;
                r.FinishedAt = f.At;
                r.AddFinished();
                break;
            default:
                r.AddMiddle(e);
                break;
        }
    }

    /// <summary>The task's summary, or null.</summary>
    public TaskHistory? Get(string taskId) => _rows.TryGetValue(taskId, out var r) ? r.ToHistory() : null;

    /// <summary>Tasks matching <paramref name="query"/>, in acceptance order.</summary>
    public IReadOnlyList<TaskHistory> Query(HistoryQuery query)
    {
        var limit = Math.Clamp(query.Limit, 1, 100_000);
        return Matching(query).Take(limit).Select(r => r.ToHistory()).ToList();
    }

    /// <summary>How many tasks match <paramref name="query"/>, ignoring its <see cref="HistoryQuery.Limit"/>.</summary>
    public int CountMatching(HistoryQuery query) => Matching(query).Count();

    private IEnumerable<Row> Matching(HistoryQuery query)
    {
        IEnumerable<Row> rows = query.TaskId is { } id ? (_rows.TryGetValue(id, out var one) ? [one] : []) : _order;
        return rows
            .Where(r => query.State is null || r.State == query.State)
            .Where(r => query.TagsMatch(r.Spec))
            .Where(r => query.From is null || r.AcceptedAt >= query.From)
            .Where(r => query.To is null || r.AcceptedAt < query.To);
    }

    /// <summary>Tasks accepted but not finished (to resume), with the attempts they had started.</summary>
    public IReadOnlyList<(TaskSpec Spec, int Attempts)> Incomplete() =>
        _order.Where(r => !r.State.IsTerminal()).Select(r => (r.Spec, r.Attempts)).ToList();

    /// <summary>For unfinished tasks in a re-run: the attempts started in their earlier runs, by task id.</summary>
    public IReadOnlyDictionary<string, int> RunBases() =>
        _order.Where(r => !r.State.IsTerminal() && r.RunBase > 0).ToDictionary(r => r.Spec.Id, r => r.RunBase, StringComparer.Ordinal);

    /// <summary>Finished tasks with their results.</summary>
    public IReadOnlyList<(TaskSpec Spec, TaskResult Result)> Finished() =>
        _order.Where(r => r.Result is not null).Select(r => (r.Spec, r.Result!)).ToList();

    /// <summary>Counts, success rate and duration percentiles (nearest-rank) of finished tasks.</summary>
    /// <param name="filter">Only the tasks it matches (its limit ignored); null for every task.</param>
    public HistoryStats Stats(HistoryQuery? filter = null)
    {
        var rows = filter is null ? _order : Matching(filter).ToList();
        var byState = Enum.GetValues<TaskState>().ToDictionary(s => s, _ => 0);
        foreach (var r in rows)
        {
            byState[r.State]++;
        }

        var finished = rows.Where(r => r.Result is not null).ToList();
        var durations = finished.Where(r => !r.Result!.FromCache && r.Result.Attempts > 0).Select(r => r.Result!.DurationMs).Order().ToArray();
        var succeeded = byState[TaskState.Succeeded];
        return new HistoryStats(
            rows.Count,
            byState,
            finished.Count == 0 ? 0 : (double)succeeded / finished.Count,
            Percentile(durations, 0.50),
            Percentile(durations, 0.95),
            Percentile(durations, 0.99));
    }

    /// <summary>The nearest-rank percentile of sorted <paramref name="sorted"/>; 0 when empty.</summary>
    public static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>
    /// What the projection keeps of one task. Its events are always [Accepted, the Started and Retrying events in order,
    /// Finished], at most <see cref="MaxEventsPerTask"/> (later ones are dropped). The first and the last are rebuilt
    /// from the row (spec and acceptance time; result and finish time) rather than kept, and a lone middle event is kept
    /// without a list: a row lives as long as the node, and most tasks have exactly one middle event. A re-run keeps the
    /// first acceptance apart, and the earlier run's Finished event and the new Accepted event among the middle ones.
    /// </summary>
    private sealed class Row(TaskSpec spec, DateTimeOffset acceptedAt)
    {
        private object? _middle;
        private int _middleCount;
        private bool _finishedKept;
        private TaskAccepted? _firstAccepted;

        public TaskSpec Spec { get; private set; } = spec;

        public DateTimeOffset AcceptedAt { get; private set; } = acceptedAt;

        /// <summary>Attempts started in the runs before the current one.</summary>
        public int RunBase { get; private set; }

        /// <summary>Scheduled (until its first attempt starts) for a task with a due time, else Accepted, until events move it on.</summary>
        public TaskState State { get; set; } = spec.NotBefore is null ? TaskState.Accepted : TaskState.Scheduled;

        public int Attempts { get; set; }

        public DateTimeOffset? FinishedAt { get; set; }

        public TaskResult? Result { get; set; }

        /// <summary>Events kept so far, counting the Accepted event.</summary>
        private int Kept => 1 + _middleCount + (_finishedKept ? 1 : 0);

        public void AddMiddle(ITaskHistoryEvent e)
        {
            if (Kept >= MaxEventsPerTask)
            {
                return;
            }

            switch (_middle)
            {
                case null:
                    _middle = e;
                    break;
                case List<ITaskHistoryEvent> list:
                    list.Add(e);
                    break;
                default:
                    _middle = new List<ITaskHistoryEvent> { (ITaskHistoryEvent)_middle, e };
                    break;
            }

            _middleCount++;
        }

        /// <summary>Keeps the Finished event (rebuilt from <see cref="Result"/> and <see cref="FinishedAt"/>) if there is room.</summary>
        public void AddFinished() => _finishedKept = Kept < MaxEventsPerTask;

        /// <summary>Starts a new run after a finish: the old Finished event becomes a middle one, then the new acceptance.</summary>
        public void Rerun(TaskAccepted accepted)
        {
            _firstAccepted ??= new TaskAccepted(Spec, AcceptedAt);
            if (_finishedKept)
            {
                _finishedKept = false;
                AddMiddle(new TaskFinished(Result!, FinishedAt!.Value));
            }

            AddMiddle(accepted);
            Spec = accepted.Spec;
            AcceptedAt = accepted.At;
            State = accepted.Spec.NotBefore is null ? TaskState.Accepted : TaskState.Scheduled;
            Result = null;
            FinishedAt = null;
            RunBase = Attempts;
        }

        public TaskHistory ToHistory()
        {
            var events = new List<ITaskHistoryEvent>(Kept) { _firstAccepted ?? new TaskAccepted(Spec, AcceptedAt) };
            switch (_middle)
            {
                case List<ITaskHistoryEvent> list:
                    events.AddRange(list);
                    break;
                case ITaskHistoryEvent one:
                    events.Add(one);
                    break;
            }

            if (_finishedKept)
            {
                events.Add(new TaskFinished(Result!, FinishedAt!.Value));
            }

            return new(Spec, State, Attempts, AcceptedAt, FinishedAt, Result, events);
        }
    }
}
