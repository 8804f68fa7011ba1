using System.Diagnostics;
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
/// <param name="RatePerSecond">Finished tasks per second so far.</param>
/// <param name="Eta">Estimated time left, or null before anything finished.</param>
internal sealed record ProgressSnapshot(int Total, int Succeeded, int Failed, int Cancelled, int Running, int Retrying, TimeSpan Elapsed, double RatePerSecond, TimeSpan? Eta)
{
    public int Finished => Succeeded + Failed + Cancelled;

    public override string ToString() =>
        $"{Finished}/{Total} done ({Succeeded} ok, {Failed} failed, {Cancelled} cancelled), {Running} running, {Retrying} retrying, " +
        $"{RatePerSecond:0.0} tasks/s, elapsed {Elapsed:hh\\:mm\\:ss}" + (Eta is { } e ? $", ETA {e:hh\\:mm\\:ss}" : string.Empty);
}

/// <summary>Follows the task events of one job's tasks until all have finished.</summary>
internal sealed class JobTracker
{
    private readonly Dictionary<string, TaskState> _states;
    private readonly Dictionary<string, TaskResult> _results = new(StringComparer.Ordinal);
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public JobTracker(IEnumerable<string> taskIds)
    {
        _states = taskIds.ToDictionary(id => id, _ => TaskState.Accepted, StringComparer.Ordinal);
    }

    public int Total => _states.Count;

    public bool AllFinished => _results.Count == _states.Count;

    public IReadOnlyDictionary<string, TaskResult> Results => _results;

    public void Apply(TaskEvent e)
    {
        if (!_states.ContainsKey(e.TaskId) || _results.ContainsKey(e.TaskId))
        {
            return;
        }

        _states[e.TaskId] = e.State;
        if (e.State.IsTerminal() && e.Result is not null)
        {
            _results[e.TaskId] = e.Result;
        }
    }

    public void Apply(TaskResult result) => Apply(new TaskEvent(result.TaskId, result.State, result.Attempts, result));

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

        var elapsed = _clock.Elapsed;
        var finished = ok + failed + cancelled;
        var rate = elapsed.TotalSeconds > 0 ? finished / elapsed.TotalSeconds : 0;
        TimeSpan? eta = rate > 0 ? TimeSpan.FromSeconds((_states.Count - finished) / rate) : null;
        return new ProgressSnapshot(_states.Count, ok, failed, cancelled, running, retrying, elapsed, rate, eta);
    }
}
