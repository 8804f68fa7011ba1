namespace AkkaCompute.Actors;

/// <summary>
/// Gives an actor named timers that send it messages (Akka's IWithTimers). The runtime sets
/// <see cref="Timers"/> on creation; every timer is cancelled when the actor restarts or stops.
/// </summary>
public interface IWithTimers
{
    /// <summary>The actor's timers; set by the runtime.</summary>
    ITimerScheduler Timers { get; set; }
}

/// <summary>
/// Named timers of one actor. Starting a timer with a key in use replaces the old timer, and a
/// message of a cancelled or replaced timer is never delivered, even if it was already queued.
/// Time comes from the system's <see cref="TimeProvider"/>.
/// </summary>
public interface ITimerScheduler
{
    /// <summary>Sends <paramref name="message"/> to self once after <paramref name="timeout"/>.</summary>
    void StartSingleTimer(object key, object message, TimeSpan timeout);

    /// <summary>Sends <paramref name="message"/> to self every <paramref name="interval"/>.</summary>
    void StartPeriodicTimer(object key, object message, TimeSpan interval);

    /// <summary>Sends <paramref name="message"/> to self after <paramref name="initialDelay"/>, then every <paramref name="interval"/>.</summary>
    void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval);

    /// <summary>True when a timer with <paramref name="key"/> is active.</summary>
    bool IsTimerActive(object key);

    /// <summary>Cancels the timer with <paramref name="key"/>; no effect when none is active.</summary>
    void Cancel(object key);

    /// <summary>Cancels every timer.</summary>
    void CancelAll();

    /// <summary>The keys of the active timers.</summary>
    IReadOnlyCollection<object> ActiveTimers { get; }
}

internal sealed record TimerMessage(object Key, long Generation, object Message, TimerScheduler Owner) : IAutoReceivedMessage;

internal sealed class TimerScheduler(ActorCell cell) : ITimerScheduler
{
    private readonly Dictionary<object, (long Generation, ITimer Timer, bool Repeat)> _timers = [];
    private long _generation;

    public IReadOnlyCollection<object> ActiveTimers => _timers.Keys.ToArray();

    public void StartSingleTimer(object key, object message, TimeSpan timeout) => Start(key, message, timeout, Timeout.InfiniteTimeSpan);

    public void StartPeriodicTimer(object key, object message, TimeSpan interval) => Start(key, message, interval, interval);

    public void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval) => Start(key, message, initialDelay, interval);

    public bool IsTimerActive(object key) => _timers.ContainsKey(key);

    public void Cancel(object key)
    {
        if (_timers.Remove(key, out var t))
        {
            t.Timer.Dispose();
        }
    }

    public void CancelAll()
    {
        foreach (var t in _timers.Values)
        {
            t.Timer.Dispose();
        }

        _timers.Clear();
    }

    /// <summary>True when the timer message is current; a single timer is removed on delivery.</summary>
    public bool Accept(TimerMessage message)
    {
        if (!ReferenceEquals(message.Owner, this) || !_timers.TryGetValue(message.Key, out var t) || t.Generation != message.Generation)
        {
            return false;
        }

        if (!t.Repeat)
        {
            _timers.Remove(message.Key);
            t.Timer.Dispose();
        }

        return true;
    }

    private void Start(object key, object message, TimeSpan due, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        if (due < TimeSpan.Zero || (period != Timeout.InfiniteTimeSpan && period <= TimeSpan.Zero))
        {
            throw new ArgumentOutOfRangeException(nameof(due), $"timer '{key}': delay must be >= 0 and interval > 0 (got {due}, {period})");
        }

        Cancel(key);
        var generation = ++_generation;
        var envelope = new TimerMessage(key, generation, message, this);
        var self = cell.SelfRef;
        var timer = cell.SystemImpl.TimeProvider.CreateTimer(
            static state =>
            {
                var (target, m) = ((LocalActorRef, TimerMessage))state!;
                target.Tell(m, ActorRefs.NoSender);
            },
            (self, envelope),
            due,
            period);
        _timers[key] = (generation, timer, period != Timeout.InfiniteTimeSpan);
    }
}
