using System.Text.Json;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Compute.Workflows;

/// <summary>The result of <see cref="TaskTable.Plan"/>: new tasks, tasks to run again, resubmitted ones, or why the batch is refused.</summary>
/// <param name="New">Tasks not known before, to be journaled and accepted.</param>
/// <param name="Rerun">
/// Known tasks, with the same definition (<see cref="TaskDefinition.Same"/>), whose recorded run did not succeed (Failed,
/// TimedOut or Cancelled), or succeeded but whose input files changed since (see <see cref="TaskTable.Plan"/>), with the
/// succeeded tasks of the batch that depend on those: to be journaled as accepted again, then started afresh with
/// <see cref="TaskTable.Rerun"/>. In batch order.
/// </param>
/// <param name="AlreadyKnown">Ids the table already has with the same definition, succeeded (inputs unchanged) or still in progress (not run again).</param>
/// <param name="Error">Why the whole batch is refused, or null.</param>
public sealed record BatchPlan(IReadOnlyList<TaskSpec> New, IReadOnlyList<TaskSpec> Rerun, IReadOnlyList<string> AlreadyKnown, string? Error)
{
    /// <summary>A refusal of the whole batch.</summary>
    /// <param name="error">Why.</param>
    /// <returns>A plan with nothing to accept.</returns>
    public static BatchPlan Refused(string error) => new([], [], [], error);
}

/// <summary>
/// The node's view of its tasks as a workflow: states, attempts, results, and which tasks wait on
/// which (dependencies come from <c>$ref</c>s in arguments and <see cref="TaskSpec.DependsOn"/>). A task
/// becomes ready when everything it references has succeeded; its arguments are then resolved with the
/// referenced results. A dependency that does not succeed fails its dependents, transitively, with
/// the cause. Results are recorded once per run of a task: a task that did not succeed can be run again
/// (<see cref="Rerun"/>), one that succeeded only when its input files changed (see <see cref="Plan"/>). A ready task
/// whose <see cref="TaskSpec.NotBefore"/> is still ahead is held as <see cref="TaskState.Scheduled"/> until
/// <see cref="ReleaseDue"/> lets it go (<see cref="NextDue"/> says when). Pure and single-threaded (owned by the PeerActor).
/// </summary>
/// <param name="clock">The clock due times are compared with; null for the system clock.</param>
public sealed class TaskTable(TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly Dictionary<string, Row> _rows = new(StringComparer.Ordinal);
    private readonly Queue<string> _ready = new();
    private readonly PriorityQueue<string, DateTimeOffset> _waiting = new();
    private readonly int[] _counts = new int[Enum.GetValues<TaskState>().Length];

    /// <summary>Tasks known.</summary>
    public int Count => _rows.Count;

    /// <summary>Tasks in <paramref name="state"/>.</summary>
    public int CountIn(TaskState state) => _counts[(int)state];

    /// <summary>The task's state, or null when unknown.</summary>
    public TaskState? StateOf(string taskId) => _rows.TryGetValue(taskId, out var r) ? r.State : null;

    /// <summary>The task's spec, or null when unknown.</summary>
    public TaskSpec? SpecOf(string taskId) => _rows.TryGetValue(taskId, out var r) ? r.Spec : null;

    /// <summary>The highest attempt started for the task (0 when none or unknown).</summary>
    public int AttemptOf(string taskId) => _rows.TryGetValue(taskId, out var r) ? r.Attempt : 0;

    /// <summary>The task's result, or null when unknown or unfinished.</summary>
    public TaskResult? ResultOf(string taskId) => _rows.TryGetValue(taskId, out var r) ? r.Result : null;

    /// <summary>
    /// Attempts started in the task's earlier runs (0 for its first run or when unknown). Attempt numbers go on across
    /// runs, so the current run's attempts are those above this number: its retry budget counts from here, and attempt
    /// messages at or below it belong to an earlier run and are ignored.
    /// </summary>
    public int RunBaseOf(string taskId) => _rows.TryGetValue(taskId, out var r) ? r.RunBase : 0;

    /// <summary>Why a batch with a task that reuses a recorded id for different work is refused.</summary>
    /// <param name="taskId">The task id.</param>
    /// <returns>E.g. <c>task 'a' is already recorded with a different definition; ...</c>.</returns>
    public static string ConflictReason(string taskId) =>
        $"task '{taskId}' is already recorded with a different definition (its recorded result belongs to that one); rename the task or use another store";

    /// <summary>
    /// The tasks of <paramref name="batch"/> whose ids the table knows with a different definition
    /// (<see cref="TaskDefinition.Same"/>), in batch order. Changes nothing.
    /// </summary>
    /// <param name="batch">The tasks to check.</param>
    /// <returns>Their ids; empty when none conflicts.</returns>
    public IReadOnlyList<string> Conflicts(IEnumerable<TaskSpec> batch) =>
        batch.Where(s => _rows.TryGetValue(s.Id, out var row) && !TaskDefinition.Same(row.Spec, s)).Select(s => s.Id).ToList();

    /// <summary>
    /// Checks a batch against itself and the table: duplicate ids in the batch, an id the table knows with a
    /// different definition (<see cref="TaskDefinition.Same"/>; see <see cref="ConflictReason"/>), references to
    /// tasks neither in the batch nor known, and dependency cycles refuse the whole batch. A known id with the same
    /// definition is a resubmission: run again when its recorded run failed, timed out or was cancelled, or when it
    /// succeeded and <paramref name="inputsChanged"/> says its input files changed since (then the succeeded tasks of
    /// the batch that depend on it, transitively, run again too: their input is its result) (<see cref="BatchPlan.Rerun"/>);
    /// else not (<see cref="BatchPlan.AlreadyKnown"/>). Changes nothing.
    /// </summary>
    /// <param name="batch">The tasks submitted.</param>
    /// <param name="inputsChanged">
    /// Asked for each task of the batch that the table holds as Succeeded with the same definition: true when its input
    /// files changed since that run (e.g. its <see cref="Execution.InputFingerprint"/> differs from
    /// <see cref="TaskResult.InputFingerprint"/>). Null: inputs never count as changed.
    /// </param>
    public BatchPlan Plan(IReadOnlyList<TaskSpec> batch, Func<string, bool>? inputsChanged = null)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var fresh = new List<TaskSpec>(batch.Count);
        var rerun = new List<TaskSpec>();
        var known = new List<string>();
        HashSet<string>? stale = null;
        foreach (var spec in batch)
        {
            if (!seen.Add(spec.Id))
            {
                return BatchPlan.Refused($"task '{spec.Id}' appears more than once in the batch");
            }

            if (_rows.TryGetValue(spec.Id, out var row))
            {
                if (!TaskDefinition.Same(row.Spec, spec))
                {
                    return BatchPlan.Refused(ConflictReason(spec.Id));
                }

                if (row.State == TaskState.Succeeded && inputsChanged is not null && inputsChanged(spec.Id))
                {
                    (stale ??= new HashSet<string>(StringComparer.Ordinal)).Add(spec.Id);
                }
            }
            else
            {
                fresh.Add(spec);
            }
        }

        if (stale is not null)
        {
            AddSucceededDependents(stale, seen);
        }

        foreach (var spec in batch)
        {
            if (_rows.TryGetValue(spec.Id, out var row))
            {
                if ((row.State.IsTerminal() && row.State != TaskState.Succeeded) || stale?.Contains(spec.Id) == true)
                {
                    rerun.Add(spec);
                }
                else
                {
                    known.Add(spec.Id);
                }
            }
        }

        Func<string, bool>? isTask = null;
        var anyDependencies = false;
        foreach (var spec in fresh)
        {
            if (!MayHaveDependencies(spec))
            {
                continue;
            }

            anyDependencies = true;
            isTask ??= id => seen.Contains(id) || _rows.ContainsKey(id);
            foreach (var dep in Dependencies(spec, isTask))
            {
                if (!seen.Contains(dep) && !_rows.ContainsKey(dep))
                {
                    return BatchPlan.Refused($"task '{spec.Id}': reference to unknown task '{dep}'");
                }
            }
        }

        // A cycle needs an edge between new tasks (known tasks cannot depend on new ones).
        if (anyDependencies && TaskGraph.FindCycle(fresh) is { } cycle)
        {
            return BatchPlan.Refused($"dependency cycle: {string.Join(" -> ", cycle)}");
        }

        return new BatchPlan(fresh, rerun, known, null);
    }

    /// <summary>Adds to <paramref name="stale"/> the succeeded tasks in <paramref name="batch"/> that depend on one in it, transitively.</summary>
    private void AddSucceededDependents(HashSet<string> stale, HashSet<string> batch)
    {
        var stack = new Stack<string>(stale);
        while (stack.TryPop(out var id))
        {
            foreach (var dependent in _rows[id].DependentsOrEmpty)
            {
                if (batch.Contains(dependent) && _rows[dependent].State == TaskState.Succeeded && stale.Add(dependent))
                {
                    stack.Push(dependent);
                }
            }
        }
    }

    /// <summary>
    /// The task's spec with its <c>$ref</c> arguments resolved against the recorded results of the tasks it references
    /// (as <see cref="TakeReady"/> resolves them before a run); the spec as recorded when a reference cannot be resolved
    /// (e.g. the referenced task has no result), or null when the task is unknown. Changes nothing.
    /// </summary>
    /// <param name="taskId">The task.</param>
    public TaskSpec? ResolvedSpecOf(string taskId)
    {
        if (!_rows.TryGetValue(taskId, out var row))
        {
            return null;
        }

        if (row.Dependencies.Count == 0)
        {
            return row.Spec;
        }

        try
        {
            return row.Spec with { Args = RefResolver.Resolve(row.Spec.Args, dep => _rows.TryGetValue(dep, out var d) ? d.Result?.Output : null) };
        }
        catch (RefResolutionException)
        {
            return row.Spec;
        }
    }

    /// <summary>
    /// Adds planned tasks as Accepted (after they were journaled). Tasks whose dependencies already
    /// failed finish at once; their results are returned.
    /// </summary>
    public IReadOnlyList<TaskResult> Accept(IReadOnlyList<TaskSpec> specs) => Add(specs.Count, i => specs[i], static _ => 0);

    /// <summary>
    /// Starts a new run of tasks planned as <see cref="BatchPlan.Rerun"/> (after their acceptance was journaled
    /// again): each takes the resubmitted spec, forgets its result and becomes Accepted; its attempt numbers go on
    /// from the earlier runs (<see cref="RunBaseOf"/>), with a fresh retry budget. Call it before
    /// <see cref="Accept"/> for the same batch, so that new tasks depending on a re-run one wait for it. Tasks whose
    /// dependencies did not succeed (and are not running again) fail at once; their results are returned.
    /// Finished tasks of any state run again (a succeeded one is planned for it only when its inputs changed);
    /// tasks unknown or unfinished are left alone.
    /// </summary>
    public IReadOnlyList<TaskResult> Rerun(IReadOnlyList<TaskSpec> specs)
    {
        var rows = new List<Row>(specs.Count);
        foreach (var spec in specs)
        {
            if (_rows.TryGetValue(spec.Id, out var row) && row.State.IsTerminal())
            {
                row.Spec = spec;
                row.RunBase = row.Attempt;
                row.Result = null;
                SetState(row, TaskState.Accepted);
                rows.Add(row);
            }
        }

        var failed = new List<TaskResult>();
        Settle(rows, failed);
        return failed;
    }

    /// <summary>Restores a recovered table: finished results first, then incomplete tasks as Accepted.</summary>
    /// <param name="finished">Finished tasks with their results (kept, not run again).</param>
    /// <param name="incomplete">Accepted tasks without a result, with the attempts they had started.</param>
    /// <param name="runBases">For incomplete tasks in a re-run, the attempts of their earlier runs (<see cref="RunBaseOf"/>); null when none.</param>
    public IReadOnlyList<TaskResult> Restore(IReadOnlyList<(TaskSpec Spec, TaskResult Result)> finished, IReadOnlyList<(TaskSpec Spec, int Attempts)> incomplete, IReadOnlyDictionary<string, int>? runBases = null)
    {
        foreach (var (spec, result) in finished)
        {
            if (!_rows.ContainsKey(spec.Id))
            {
                var row = new Row(spec, []) { Result = result, Attempt = result.Attempts };
                _rows[spec.Id] = row;
                SetState(row, result.State, initial: true);
            }
        }

        var failed = Add(incomplete.Count, i => incomplete[i].Spec, i => incomplete[i].Attempts);
        foreach (var (id, runBase) in runBases ?? new Dictionary<string, int>())
        {
            if (_rows.TryGetValue(id, out var row) && !row.State.IsTerminal())
            {
                row.RunBase = runBase;
            }
        }

        return failed;
    }

    /// <summary>Takes the next ready task (state becomes Queued) with its references resolved.</summary>
    /// <returns>The task to queue, or null when none is ready.</returns>
    /// <exception cref="RefResolutionException">A reference path does not exist in the referenced result (the task should be failed with this message).</exception>
    public TaskSpec? TakeReady()
    {
        var now = DateTimeOffset.MinValue;
        while (_ready.TryDequeue(out var id))
        {
            var row = _rows[id];
            if (row.State != TaskState.Accepted || row.Pending > 0)
            {
                continue;
            }

            if (row.Spec.NotBefore is { } due && due > (now = now == DateTimeOffset.MinValue ? _clock.GetUtcNow() : now))
            {
                SetState(row, TaskState.Scheduled);
                _waiting.Enqueue(id, due);
                continue;
            }

            SetState(row, TaskState.Queued);
            if (row.Dependencies.Count == 0)
            {
                return row.Spec;
            }

            try
            {
                var args = RefResolver.Resolve(row.Spec.Args, dep => _rows.TryGetValue(dep, out var d) ? d.Result?.Output : null);
                return row.Spec with { Args = args };
            }
            catch (RefResolutionException e) when (e.TaskId != id)
            {
                throw new RefResolutionException(e.Reference, id, $"task '{id}': {e.Message}");
            }
        }

        return null;
    }

    /// <summary>
    /// The earliest due time of a task held as <see cref="TaskState.Scheduled"/>, or null when none is held. Drops
    /// entries of tasks that left the state meanwhile (e.g. cancelled).
    /// </summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            while (_waiting.TryPeek(out var id, out var due))
            {
                if (_rows.TryGetValue(id, out var row) && row.State == TaskState.Scheduled)
                {
                    return due;
                }

                _waiting.Dequeue();
            }

            return null;
        }
    }

    /// <summary>
    /// Makes the held tasks due by <paramref name="now"/> (<see cref="TaskSpec.NotBefore"/> at or before it) Accepted and
    /// ready again, in due-time order, so that <see cref="TakeReady"/> returns them.
    /// </summary>
    /// <param name="now">The current time.</param>
    /// <returns>The specs released (empty when none was due).</returns>
    public IReadOnlyList<TaskSpec> ReleaseDue(DateTimeOffset now)
    {
        List<TaskSpec>? released = null;
        while (_waiting.TryPeek(out var id, out var due) && due <= now)
        {
            _waiting.Dequeue();
            if (_rows.TryGetValue(id, out var row) && row.State == TaskState.Scheduled)
            {
                SetState(row, TaskState.Accepted);
                _ready.Enqueue(id);
                (released ??= []).Add(row.Spec);
            }
        }

        return (IReadOnlyList<TaskSpec>?)released ?? [];
    }

    /// <summary>The specs of every task the table knows, in no particular order (for scans such as recurring chains).</summary>
    public IEnumerable<TaskSpec> Specs => _rows.Values.Select(r => r.Spec);

    /// <summary>
    /// True when <paramref name="spec"/>, once accepted, is ready at once and runs as it is: it depends on no task (no
    /// <c>dependsOn</c>, no <c>$ref</c> in its arguments) and has no due time. Such a task can be placed before its
    /// acceptance completes (<see cref="Take"/> then takes it).
    /// </summary>
    /// <param name="spec">The task as it will be accepted.</param>
    public static bool ReadyOnAcceptance(TaskSpec spec) => !MayHaveDependencies(spec) && spec.NotBefore is null;

    /// <summary>
    /// Takes one accepted task that is ready and depends on nothing (state becomes Queued, as <see cref="TakeReady"/> would
    /// make it), for a task already placed while it was being accepted. False, changing nothing, when the task is unknown,
    /// not Accepted (e.g. failed at acceptance or cancelled), has dependencies, or is not yet due.
    /// </summary>
    /// <param name="taskId">The task.</param>
    public bool Take(string taskId)
    {
        if (!_rows.TryGetValue(taskId, out var row) || row.State != TaskState.Accepted || row.Pending > 0 || row.Dependencies.Count > 0
            || (row.Spec.NotBefore is { } due && due > _clock.GetUtcNow()))
        {
            return false;
        }

        SetState(row, TaskState.Queued); // its entry in the ready queue is skipped by TakeReady (no longer Accepted)
        return true;
    }

    /// <summary>Puts a task taken by <see cref="TakeReady"/> back (e.g. the scheduler was full).</summary>
    public void Untake(string taskId)
    {
        if (_rows.TryGetValue(taskId, out var row) && row.State == TaskState.Queued)
        {
            SetState(row, TaskState.Accepted);
            _ready.Enqueue(taskId);
        }
    }

    /// <summary>Marks an attempt running; false when the task is unknown or finished, or the attempt belongs to an earlier run (<see cref="RunBaseOf"/>).</summary>
    public bool MarkRunning(string taskId, int attempt) => Mark(taskId, TaskState.Running, attempt);

    /// <summary>Marks a task waiting for a retry; false when the task is unknown or finished, or the attempt belongs to an earlier run (<see cref="RunBaseOf"/>).</summary>
    public bool MarkRetrying(string taskId, int attempt) => Mark(taskId, TaskState.Retrying, attempt);

    /// <summary>
    /// Marks a retrying task queued again for <paramref name="attempt"/>; false when it is no longer retrying (e.g. cancelled)
    /// or the retry was due in an earlier run (a retry's attempt is above the run's first, <see cref="RunBaseOf"/> + 1).
    /// </summary>
    public bool MarkRequeued(string taskId, int attempt) =>
        _rows.TryGetValue(taskId, out var row) && row.State == TaskState.Retrying && attempt > row.RunBase + 1 && SetState(row, TaskState.Queued);

    /// <summary>
    /// Records a task's result (once per run: a second result for a finished task is ignored). A success makes
    /// dependents ready; any other outcome fails them, transitively, with the cause.
    /// </summary>
    /// <returns>Results of dependents that failed because of it (empty on success or when ignored).</returns>
    public IReadOnlyList<TaskResult> Complete(TaskResult result)
    {
        if (!_rows.TryGetValue(result.TaskId, out var row) || row.State.IsTerminal())
        {
            return [];
        }

        row.Result = result;
        SetState(row, result.State);
        if (result.State == TaskState.Succeeded)
        {
            foreach (var dependent in row.DependentsOrEmpty)
            {
                var d = _rows[dependent];
                if (--d.Pending == 0 && d.State == TaskState.Accepted)
                {
                    _ready.Enqueue(dependent);
                }
            }

            return [];
        }

        if (row.DependentsOrEmpty.Count == 0)
        {
            return [];
        }

        var failed = new List<TaskResult>();
        FailDependents(row, $"dependency '{row.Spec.Id}' {result.State.ToString().ToLowerInvariant()}: {result.Error}", failed);
        return failed;
    }

    /// <summary>Adds <paramref name="count"/> tasks, the i-th being <paramref name="specAt"/>(i) with <paramref name="attemptsAt"/>(i) attempts started.</summary>
    private IReadOnlyList<TaskResult> Add(int count, Func<int, TaskSpec> specAt, Func<int, int> attemptsAt)
    {
        var rows = new List<Row>(count);
        Func<string, bool>? isTask = null;
        var anyDependencies = false;
        for (var i = 0; i < count; i++)
        {
            var spec = specAt(i);
            if (_rows.ContainsKey(spec.Id))
            {
                continue;
            }

            IReadOnlyList<string> dependencies = [];
            if (MayHaveDependencies(spec))
            {
                if (isTask is null)
                {
                    var batch = new HashSet<string>(count, StringComparer.Ordinal);
                    for (var j = 0; j < count; j++)
                    {
                        batch.Add(specAt(j).Id);
                    }

                    isTask = id => batch.Contains(id) || _rows.ContainsKey(id);
                }

                dependencies = Dependencies(spec, isTask);
                anyDependencies |= dependencies.Count > 0;
            }

            var row = new Row(spec, dependencies) { Attempt = attemptsAt(i) };
            _rows[spec.Id] = row;
            SetState(row, TaskState.Accepted, initial: true);
            rows.Add(row);
        }

        if (!anyDependencies)
        {
            foreach (var row in rows)
            {
                _ready.Enqueue(row.Spec.Id);
            }

            return [];
        }

        foreach (var row in rows)
        {
            foreach (var dep in row.Dependencies)
            {
                _rows[dep].Dependents.Add(row.Spec.Id);
            }
        }

        var failed = new List<TaskResult>();
        Settle(rows, failed);
        return failed;
    }

    /// <summary>
    /// For rows just made Accepted: counts the dependencies still to succeed, fails the rows whose dependencies
    /// did not succeed (and their dependents) into <paramref name="failed"/>, and makes the others ready when nothing is pending.
    /// </summary>
    private void Settle(List<Row> rows, List<TaskResult> failed)
    {
        foreach (var row in rows)
        {
            row.Pending = row.Dependencies.Count(dep => _rows[dep].State != TaskState.Succeeded);
        }

        foreach (var row in rows)
        {
            var failedDep = row.Dependencies.Count == 0 ? null : row.Dependencies.Select(dep => _rows[dep]).FirstOrDefault(d => d.State.IsTerminal() && d.State != TaskState.Succeeded);
            if (failedDep is not null && row.State == TaskState.Accepted)
            {
                var cause = $"dependency '{failedDep.Spec.Id}' {failedDep.State.ToString().ToLowerInvariant()}: {failedDep.Result?.Error}";
                var r = new TaskResult(row.Spec.Id, TaskState.Failed, null, cause, row.Attempt, 0);
                row.Result = r;
                SetState(row, TaskState.Failed);
                failed.Add(r);
                FailDependents(row, $"dependency '{row.Spec.Id}' failed: {cause}", failed);
            }
            else if (row.Pending == 0 && row.State == TaskState.Accepted)
            {
                _ready.Enqueue(row.Spec.Id);
            }
        }
    }

    private void FailDependents(Row root, string cause, List<TaskResult> failed)
    {
        var stack = new Stack<(Row Row, string Cause)>();
        stack.Push((root, cause));
        while (stack.TryPop(out var item))
        {
            foreach (var id in item.Row.DependentsOrEmpty)
            {
                var d = _rows[id];
                if (d.State.IsTerminal())
                {
                    continue;
                }

                var r = new TaskResult(id, TaskState.Failed, null, item.Cause, d.Attempt, 0);
                d.Result = r;
                SetState(d, TaskState.Failed);
                failed.Add(r);
                stack.Push((d, $"dependency '{id}' failed: {item.Cause}"));
            }
        }
    }

    private bool Mark(string taskId, TaskState state, int attempt)
    {
        if (!_rows.TryGetValue(taskId, out var row) || row.State.IsTerminal() || attempt <= row.RunBase)
        {
            return false;
        }

        row.Attempt = Math.Max(row.Attempt, attempt);
        return SetState(row, state);
    }

    private bool SetState(Row row, TaskState state, bool initial = false)
    {
        if (!initial)
        {
            _counts[(int)row.State]--;
        }

        row.State = state;
        _counts[(int)state]++;
        return true;
    }

    /// <summary>False when the task certainly depends on nothing (no depends-on ids, no <c>$ref</c> in its arguments).</summary>
    private static bool MayHaveDependencies(TaskSpec spec) =>
        spec.DependsOn.Count > 0 || RefScanner.MayContainReference(spec.Args);

    private static IReadOnlyList<string> Dependencies(TaskSpec spec, Func<string, bool> isTask) =>
        MayHaveDependencies(spec)
            ? TaskGraph.References(spec, isTask).Select(r => r.TaskId).Concat(spec.DependsOn).Distinct(StringComparer.Ordinal).ToList()
            : [];

    private sealed class Row(TaskSpec spec, IReadOnlyList<string> dependencies)
    {
        public TaskSpec Spec { get; set; } = spec;

        public IReadOnlyList<string> Dependencies { get; } = dependencies;

        public List<string> Dependents => _dependents ??= [];

        private List<string>? _dependents;

        public IReadOnlyList<string> DependentsOrEmpty => (IReadOnlyList<string>?)_dependents ?? [];

        public TaskState State { get; set; }

        public int Pending { get; set; }

        public int Attempt { get; set; }

        public int RunBase { get; set; }

        public TaskResult? Result { get; set; }
    }
}
