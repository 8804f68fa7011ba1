namespace AkkaCompute.Hosting.Node;

/// <summary>
/// Decides when an idle node returns memory to the operating system (<see cref="ProcessMemory.Trim"/>): once its activity
/// (<see cref="NodeActivity"/>: task counters and busy executors) has not changed for <c>idleAfter</c> while nothing is queued,
/// running, waiting to retry or being executed, and then not again until it changes. So a node trims once after start (the
/// garbage of start-up: configuration, dependency injection, cluster join) and once after each burst of work, never while it
/// works. Pure: the caller supplies the observations and the time.
/// </summary>
/// <param name="idleAfter">How long the activity must stay unchanged, e.g. 30 s; greater than 0.</param>
/// <exception cref="ArgumentOutOfRangeException"><paramref name="idleAfter"/> is not greater than 0.</exception>
public sealed class IdleTrimSchedule(TimeSpan idleAfter)
{
    private readonly TimeSpan _idleAfter = idleAfter > TimeSpan.Zero
        ? idleAfter
        : throw new ArgumentOutOfRangeException(nameof(idleAfter), idleAfter, "must be greater than 0");
    private NodeActivity? _last;
    private DateTimeOffset _since;
    private bool _trimmed;

    /// <summary>
    /// Records the node's activity at <paramref name="now"/>; true when the node should trim now (then false until the activity
    /// changes and settles again).
    /// </summary>
    /// <param name="activity">The node's task counters and busy executors.</param>
    /// <param name="now">The time of the observation.</param>
    public bool Observe(NodeActivity activity, DateTimeOffset now)
    {
        if (_last != activity)
        {
            _last = activity;
            _since = now;
            _trimmed = false;
            return false;
        }

        if (_trimmed || !activity.IsIdle || now - _since < _idleAfter)
        {
            return false;
        }

        _trimmed = true;
        return true;
    }
}
