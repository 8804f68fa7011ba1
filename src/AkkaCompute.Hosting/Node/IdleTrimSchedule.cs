using AkkaCompute.Compute.Protocol;

namespace AkkaCompute.Hosting.Node;

/// <summary>
/// Decides when an idle node returns memory to the operating system (<see cref="ProcessMemory.Trim"/>): once its task counters
/// (<see cref="NodeStatus"/>) have not changed for <c>idleAfter</c> while nothing is queued, running or waiting to retry, and then
/// not again until they change. So a node trims once after start (the garbage of start-up: configuration, dependency injection,
/// cluster join) and once after each burst of work, never while it works. Pure: the caller supplies the observations and the time.
/// </summary>
/// <param name="idleAfter">How long the counters must stay unchanged, e.g. 30 s; greater than 0.</param>
/// <exception cref="ArgumentOutOfRangeException"><paramref name="idleAfter"/> is not greater than 0.</exception>
public sealed class IdleTrimSchedule(TimeSpan idleAfter)
{
    private readonly TimeSpan _idleAfter = idleAfter > TimeSpan.Zero ? idleAfter : throw new ArgumentOutOfRangeException(nameof(idleAfter), idleAfter, "must be greater than 0");
    private NodeStatus? _last;
    private DateTimeOffset _since;
    private bool _trimmed;

    /// <summary>
    /// Records the node's counters at <paramref name="now"/>; true when the node should trim now (then false until the counters
    /// change and settle again).
    /// </summary>
    /// <param name="status">The node's task counters.</param>
    /// <param name="now">The time of the observation.</param>
    public bool Observe(NodeStatus status, DateTimeOffset now)
    {
        if (_last != status)
        {
            _last = status;
            _since = now;
            _trimmed = false;
            return false;
        }

        if (_trimmed || status.Queued > 0 || status.Running > 0 || status.Retrying > 0 || now - _since < _idleAfter)
        {
            return false;
        }

        _trimmed = true;
        return true;
    }
}
