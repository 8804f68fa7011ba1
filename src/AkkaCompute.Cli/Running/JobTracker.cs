using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Cli.Running;

/// <summary>A point-in-time view of a running job, for progress displays.</summary>
/// <param name="Total">Tasks in the job.</param>
/// <param name="Succeeded">Succeeded.</param>
/// <param name="Failed">Failed or timed out.</param>
/// <param name="Cancelled">Cancelled.</param>
/// <param name="Running">Running now.</param>
/// <param name="Retrying">Waiting for a retry.</param>
/// <param name="Elapsed">Time since the job started.</param>
/// <param name="RatePerSecond">Tasks finished in this run per second so far (tasks that had finished before this run, on a resume, do not count).</param>
/// <param name="Eta">Estimated time left at that rate, or null before any task finished in this run.</param>
/// <param name="RunningProgress">Up to <see cref="JobTracker.RunningProgressMax"/> running tasks that reported progress, with their fraction done (0 to 1), by id; empty when none.</param>
internal sealed record ProgressSnapshot(int Total, int Succeeded, int Failed, int Cancelled, int Running, int Retrying, TimeSpan Elapsed, double RatePerSecond, TimeSpan? Eta, IReadOnlyList<(string TaskId, double Fraction)>? RunningProgress = null)
{
    public int Finished => Succeeded + Failed + Cancelled;

    /// <summary>The running tasks' progress as text, e.g. <c>hash-a 40%, hash-b 75%</c>; empty when none reported.</summary>
    public string RunningProgressText => RunningProgress is { Count: > 0 } p
        ? string.Join(", ", p.Select(x => $"{x.TaskId} {x.Fraction * 100:0}%"))
        : string.Empty;

    public override string ToString() =>
        $"{Finished}/{Total} done ({Succeeded} ok, {Failed} failed, {Cancelled} cancelled), {Running} running, {Retrying} retrying, " +
        $"{RatePerSecond:0.0} tasks/s, elapsed {Elapsed:hh\\:mm\\:ss}" + (Eta is { } e ? $", ETA {e:hh\\:mm\\:ss}" : string.Empty)
        + (RunningProgressText is { Length: > 0 } p ? $" (running: {p})" : string.Empty);
}

/// <summary>
/// Follows the task events of one job's tasks until all have finished. Results recorded before this run (a resumed
/// job's succeeded tasks) are given with <see cref="ApplyEarlier"/>: they count as finished but not toward the rate.
/// </summary>
internal sealed class JobTracker
{
    private readonly Dictionary<string, TaskState> _states;
    private readonly Dictionary<string, TaskResult> _results = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _progress = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly long _started;
    private int _finishedEarlier;

    /// <summary>Tracks <paramref name="taskIds"/>; the job's clock starts now, on <paramref name="time"/> (default: the system's).</summary>
    public JobTracker(IEnumerable<string> taskIds, TimeProvider? time = null)
    {
        _states = taskIds.ToDictionary(id => id, _ => TaskState.Accepted, StringComparer.Ordinal);
        _time = time ?? TimeProvider.System;
        _started = _time.GetTimestamp();
    }

    /// <summary>The most running tasks whose progress a snapshot lists: 3.</summary>
    public const int RunningProgressMax = 3;

    public int Total => _states.Count;

    public bool AllFinished => _results.Count == _states.Count;

    public IReadOnlyDictionary<string, TaskResult> Results => _results;

    /// <summary>Every task's latest known state.</summary>
    public IReadOnlyDictionary<string, TaskState> States => _states;

    public void Apply(TaskEvent e)
    {
        if (!_states.TryGetValue(e.TaskId, out var current) || _results.ContainsKey(e.TaskId))
        {
            return;
        }

        if (e.Progress is { } fraction)
        {
            if (current == TaskState.Running)
            {
                _progress[e.TaskId] = fraction;
            }

            return;
        }

        _progress.Remove(e.TaskId);
        _states[e.TaskId] = e.State;
        if (e.State.IsTerminal() && e.Result is not null)
        {
            _results[e.TaskId] = e.Result;
        }
    }

    public void Apply(TaskResult result) => Apply(new TaskEvent(result.TaskId, result.State, result.Attempts, result));

    /// <summary>A result recorded before this run: finished, but not counted toward the rate and ETA.</summary>
    public void ApplyEarlier(TaskResult result)
    {
        var before = _results.Count;
        Apply(result);
        _finishedEarlier += _results.Count - before;
    }

    public ProgressSnapshot Snapshot()
    {
        int ok = 0, failed = 0, cancelled = 0, running = 0, retrying = 0;
        foreach (var s in _states.Values)
        {
            switch (s)
            {
                case TaskState.Succeeded: ok++; break;
                case TaskState.Failed or TaskState.TimedOut: failed++; break;
                case TaskState.Cancelled: cancelled++; break;
                case TaskState.Running: running++; break;
                case TaskState.Retrying: retrying++; break;
            }
        }

        var elapsed = _time.GetElapsedTime(_started);
        var finished = ok + failed + cancelled;
        var (rate, eta) = Rate(finished - _finishedEarlier, _states.Count - finished, elapsed);
        var progress = _progress.Count == 0 ? null
            : _progress.OrderBy(p => p.Key, StringComparer.Ordinal).Take(RunningProgressMax).Select(p => (p.Key, p.Value)).ToList();
        return new ProgressSnapshot(_states.Count, ok, failed, cancelled, running, retrying, elapsed, rate, eta, progress);
    }

    /// <summary>Tasks per second and the time left at that rate (null before any task finished in this run).</summary>
    /// <param name="finishedThisRun">Tasks finished since this run started.</param>
    /// <param name="remaining">Tasks not finished.</param>
    /// <param name="elapsed">Time since this run started.</param>
    public static (double RatePerSecond, TimeSpan? Eta) Rate(int finishedThisRun, int remaining, TimeSpan elapsed)
    {
        var rate = elapsed > TimeSpan.Zero && finishedThisRun > 0 ? finishedThisRun / elapsed.TotalSeconds : 0;
        return (rate, rate > 0 ? TimeSpan.FromSeconds(remaining / rate) : null);
    }
}
