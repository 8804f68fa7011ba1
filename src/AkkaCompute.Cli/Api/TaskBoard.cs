using AkkaCompute.Cli.Api.Dtos;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Cli.Api;

/// <summary>
/// The REST API's live view of this node's tasks, fed by the node's task events (<see cref="Apply"/>) and by the API's own
/// submissions (<see cref="Register"/>): each task's state, job, priority and times; each job's counts by state; the finished
/// tasks per 5-second bucket; the latest failures. Bounded: at most <see cref="MaxTasks"/> tasks (the oldest finished ones
/// are forgotten first) and <see cref="MaxJobs"/> jobs (the oldest first). Thread-safe (one lock).
/// </summary>
internal sealed class TaskBoard
{
    /// <summary>Most tasks remembered: 500,000 (the history keeps every task; the board only what the live views need).</summary>
    public const int MaxTasks = 500_000;

    /// <summary>Most jobs remembered: 1,000.</summary>
    public const int MaxJobs = 1_000;

    /// <summary>Most failures listed: 50.</summary>
    public const int MaxFailures = 50;

    private readonly object _gate = new();
    private readonly Dictionary<string, BoardTask> _tasks = new(StringComparer.Ordinal);
    private readonly Queue<string> _taskOrder = new();
    private readonly Dictionary<string, BoardJob> _jobs = new(StringComparer.Ordinal);
    private readonly LinkedList<string> _jobOrder = new();
    private readonly LinkedList<TaskSummaryDto> _failures = new();
    private readonly SeriesBuckets _series = new();
    private readonly int _maxTasks;

    /// <summary>Creates an empty board.</summary>
    /// <param name="maxTasks">Most tasks remembered; default <see cref="MaxTasks"/>.</param>
    public TaskBoard(int maxTasks = MaxTasks) => _maxTasks = maxTasks;

    /// <summary>
    /// Records that the API submits <paramref name="tasks"/> as job <paramref name="jobId"/> (before the node answers, so that
    /// events arriving first find their job). Tasks the board already knows keep their state.
    /// </summary>
    public void Register(string jobId, IReadOnlyList<TaskSpec> tasks, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!_jobs.TryGetValue(jobId, out var job))
            {
                _jobs[jobId] = job = new BoardJob(jobId);
                _jobOrder.AddLast(jobId);
                while (_jobs.Count > MaxJobs && _jobOrder.First is { } oldest)
                {
                    _jobOrder.RemoveFirst();
                    _jobs.Remove(oldest.Value);
                }
            }
            else
            {
                _jobOrder.Remove(jobId);
                _jobOrder.AddLast(jobId);
            }

            job.SubmittedAt = now;
            foreach (var spec in tasks)
            {
                var task = GetOrAdd(spec.Id);
                task.Priority = spec.Priority;
                Join(task, job);
            }
        }
    }

    /// <summary>The job named <paramref name="jobId"/>, created (submitted <paramref name="now"/>) when the board does not know it; the newest are kept.</summary>
    private BoardJob JobOf(string jobId, DateTimeOffset now)
    {
        if (!_jobs.TryGetValue(jobId, out var job))
        {
            _jobs[jobId] = job = new BoardJob(jobId) { SubmittedAt = now };
            _jobOrder.AddLast(jobId);
            while (_jobs.Count > MaxJobs && _jobOrder.First is { } oldest)
            {
                _jobOrder.RemoveFirst();
                _jobs.Remove(oldest.Value);
            }
        }

        return job;
    }

    /// <summary>Moves <paramref name="task"/> into <paramref name="job"/> (out of the job it was in).</summary>
    private void Join(BoardTask task, BoardJob job)
    {
        if (task.Job != job.Id)
        {
            if (task.Job is { } previous && _jobs.TryGetValue(previous, out var old) && old.Tasks.Remove(task.Id))
            {
                old.Remove(task.State);
            }

            task.Job = job.Id;
        }

        if (job.Tasks.Add(task.Id))
        {
            job.Add(task.State);
        }
    }

    /// <summary>
    /// After the node's answer: the tasks of <paramref name="jobId"/> it accepted or already knew and that have no state yet get
    /// <paramref name="known"/>'s state (a finished one's result), or Accepted; when <paramref name="refused"/>, tasks still without a
    /// state leave the board (nothing of the batch was recorded).
    /// </summary>
    public void Settle(string jobId, IEnumerable<string> ids, IReadOnlyDictionary<string, TaskResult> known, bool refused, DateTimeOffset now)
    {
        lock (_gate)
        {
            _jobs.TryGetValue(jobId, out var job);
            foreach (var id in ids)
            {
                if (!_tasks.TryGetValue(id, out var task) || task.State is not null)
                {
                    continue;
                }

                if (refused)
                {
                    if (job is not null && job.Tasks.Remove(id)) job.Remove(null);
                    _tasks.Remove(id);
                    continue;
                }

                if (known.TryGetValue(id, out var result))
                {
                    SetState(task, result.State, now);
                    task.Attempts = result.Attempts;
                    task.Error = result.Error;
                    task.FinishedAt = now;
                }
                else
                {
                    SetState(task, TaskState.Accepted, now);
                    task.AcceptedAt ??= now;
                }
            }

            if (refused && job is not null && job.Tasks.Count == 0)
            {
                _jobs.Remove(jobId);
                _jobOrder.Remove(jobId);
            }
        }
    }

    /// <summary>Applies one of the node's task events; returns what the events stream sends for it.</summary>
    public TaskEventDto Apply(TaskEvent e, DateTimeOffset now)
    {
        lock (_gate)
        {
            var task = GetOrAdd(e.TaskId);
            if (e.State == TaskState.Accepted && e.JobId is { } jobId && task.Job != jobId)
            {
                Join(task, JobOf(jobId, now)); // accepted as part of a job submitted another way than this API (CLI, client, MCP)
            }

            if (e.Progress is { } progress)
            {
                task.Progress = task.State == TaskState.Running ? progress : null;
                return new TaskEventDto(task.Id, e.State.ToString(), e.Attempt, task.Job, now, null, task.Progress);
            }

            task.Progress = null;
            var wasFinished = task.State?.IsTerminal() == true;
            SetState(task, e.State, now);
            task.Attempts = Math.Max(task.Attempts, e.Attempt);
            switch (e.State)
            {
                case TaskState.Accepted:
                    task.AcceptedAt = now;
                    task.StartedAt = null;
                    task.FinishedAt = null;
                    task.Error = null;
                    break;
                case TaskState.Running:
                    task.StartedAt = now;
                    break;
                case TaskState.Retrying:
                    task.Error = e.Message;
                    break;
                default:
                    if (e.State.IsTerminal() && !wasFinished)
                    {
                        task.FinishedAt = now;
                        task.Error = e.Result?.Error;
                        var latency = task.AcceptedAt is { } a ? (now - a).TotalMilliseconds : e.Result?.DurationMs ?? 0;
                        _series.Add(now, e.State == TaskState.Succeeded, Math.Max(0, latency));
                        if (e.State != TaskState.Succeeded)
                        {
                            _failures.AddFirst(Summary(task, now));
                            if (_failures.Count > MaxFailures) _failures.RemoveLast();
                        }
                    }

                    break;
            }

            return new TaskEventDto(task.Id, e.State.ToString(), e.Attempt, task.Job, now, e.State is TaskState.Retrying or TaskState.Failed or TaskState.TimedOut or TaskState.Cancelled ? task.Error : null);
        }
    }

    /// <summary>A job's progress, or null when this API did not submit it (or has forgotten it).</summary>
    public JobDto? Job(string jobId)
    {
        lock (_gate)
        {
            return _jobs.TryGetValue(jobId, out var job) ? ToDto(job) : null;
        }
    }

    /// <summary>The latest jobs, newest first, at most <paramref name="max"/>.</summary>
    public IReadOnlyList<JobDto> Jobs(int max)
    {
        lock (_gate)
        {
            var list = new List<JobDto>();
            for (var n = _jobOrder.Last; n is not null && list.Count < max; n = n.Previous)
            {
                list.Add(ToDto(_jobs[n.Value]));
            }

            return list;
        }
    }

    /// <summary>One task's summary, or null when the board does not know it.</summary>
    public TaskSummaryDto? Task(string id, DateTimeOffset now)
    {
        lock (_gate)
        {
            return _tasks.TryGetValue(id, out var task) && task.State is not null ? Summary(task, now) : null;
        }
    }

    /// <summary>The fraction done (0.0 to 1.0) a running task last reported, or null (none reported, not running, unknown).</summary>
    public double? ProgressOf(string id)
    {
        lock (_gate)
        {
            return _tasks.TryGetValue(id, out var task) ? task.Progress : null;
        }
    }

    /// <summary>The job of a task submitted through the API, or null.</summary>
    public string? JobOf(string id)
    {
        lock (_gate)
        {
            return _tasks.TryGetValue(id, out var task) ? task.Job : null;
        }
    }

    /// <summary>The tasks of <paramref name="jobId"/> in <paramref name="state"/> (any when null) accepted at or after <paramref name="since"/>, oldest first, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<TaskSummaryDto> JobTasks(string jobId, TaskState? state, DateTimeOffset? since, int limit, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!_jobs.TryGetValue(jobId, out var job))
            {
                return [];
            }

            return job.Tasks
                .Select(id => _tasks.GetValueOrDefault(id))
                .Where(t => t is { State: not null } && (state is null || t.State == state) && (since is null || t.AcceptedAt >= since))
                .OrderBy(t => t!.AcceptedAt)
                .Take(limit)
                .Select(t => Summary(t!, now))
                .ToList();
        }
    }

    /// <summary>Waiting tasks (accepted or retrying) by priority, highest first; unknown priorities last.</summary>
    public IReadOnlyList<PriorityDepthDto> QueueByPriority()
    {
        lock (_gate)
        {
            return _tasks.Values
                .Where(t => t.State is TaskState.Accepted or TaskState.Queued or TaskState.Retrying)
                .GroupBy(t => t.Priority)
                .OrderByDescending(g => g.Key.HasValue).ThenByDescending(g => g.Key)
                .Select(g => new PriorityDepthDto(g.Key, g.Count()))
                .ToList();
        }
    }

    /// <summary>Running tasks, longest running first, at most <paramref name="max"/>.</summary>
    public IReadOnlyList<TaskSummaryDto> Running(int max, DateTimeOffset now)
    {
        lock (_gate)
        {
            return _tasks.Values.Where(t => t.State == TaskState.Running).OrderBy(t => t.StartedAt).Take(max).Select(t => Summary(t, now)).ToList();
        }
    }

    /// <summary>The latest tasks that did not succeed, newest first (at most <see cref="MaxFailures"/>).</summary>
    public IReadOnlyList<TaskSummaryDto> Failures()
    {
        lock (_gate)
        {
            return [.. _failures];
        }
    }

    /// <summary>Finished tasks per 5-second bucket over the last 10 minutes, and per second over the last minute.</summary>
    public (IReadOnlyList<SeriesPointDto> Points, double PerSecond) Series(DateTimeOffset now)
    {
        lock (_gate)
        {
            return (_series.Points(now), _series.PerSecondLastMinute(now));
        }
    }

    private BoardTask GetOrAdd(string id)
    {
        if (_tasks.TryGetValue(id, out var task))
        {
            return task;
        }

        _tasks[id] = task = new BoardTask(id);
        _taskOrder.Enqueue(id);
        if (_tasks.Count > _maxTasks)
        {
            Evict();
        }

        return task;
    }

    /// <summary>Forgets the oldest finished tasks until the board is 1/8 below its limit; unfinished ones go to the back of the queue.</summary>
    private void Evict()
    {
        var target = _maxTasks - (_maxTasks / 8);
        var budget = _taskOrder.Count;
        while (_tasks.Count > target && budget-- > 0 && _taskOrder.TryDequeue(out var id))
        {
            if (!_tasks.TryGetValue(id, out var t))
            {
                continue;
            }

            if (t.State?.IsTerminal() == true)
            {
                _tasks.Remove(id);
            }
            else
            {
                _taskOrder.Enqueue(id);
            }
        }
    }

    private void SetState(BoardTask task, TaskState state, DateTimeOffset now)
    {
        if (task.Job is { } j && _jobs.TryGetValue(j, out var job) && job.Tasks.Contains(task.Id))
        {
            job.Move(task.State, state);
        }

        task.State = state;
        if (state == TaskState.Accepted)
        {
            task.AcceptedAt ??= now;
        }
    }

    private static TaskSummaryDto Summary(BoardTask t, DateTimeOffset now) =>
        new(t.Id, t.State?.ToString() ?? "Submitted", t.Attempts, t.Job, t.Priority, t.AcceptedAt, t.StartedAt, t.FinishedAt,
            t.State == TaskState.Running && t.StartedAt is { } s ? Math.Max(0, (now - s).TotalMilliseconds) : null, t.Error, t.Progress);

    private static JobDto ToDto(BoardJob job)
    {
        var counts = job.Counts.ToDictionary(kv => kv.Key.ToString(), kv => kv.Value, StringComparer.Ordinal);
        if (job.Pending > 0) counts["Submitted"] = job.Pending;
        var finished = job.Counts.Where(kv => kv.Key.IsTerminal()).Sum(kv => kv.Value);
        var total = job.Tasks.Count;
        return new JobDto(job.Id, total, counts, finished, total == 0 ? 1 : (double)finished / total, finished == total, job.SubmittedAt);
    }
}
