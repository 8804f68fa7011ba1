namespace AkkaCompute.Actors;

/// <summary>Something that can be cancelled, such as a scheduled message.</summary>
public interface ICancelable
{
    /// <summary>True once cancelled.</summary>
    bool IsCancellationRequested { get; }

    /// <summary>Cancels; further deliveries do not happen. Idempotent.</summary>
    void Cancel();
}

/// <summary>Sends delayed and periodic messages (Akka's IScheduler), driven by the system's <see cref="TimeProvider"/>.</summary>
public interface IScheduler
{
    /// <summary>The clock that drives the scheduler.</summary>
    TimeProvider TimeProvider { get; }

    /// <summary>Sends <paramref name="message"/> to <paramref name="receiver"/> once after <paramref name="delay"/> (at least zero).</summary>
    ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef sender);

    /// <summary>Sends <paramref name="message"/> after <paramref name="initialDelay"/>, then every <paramref name="interval"/> (positive).</summary>
    ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef sender);

    /// <summary>Runs <paramref name="action"/> on the thread pool after <paramref name="delay"/>; it must not block or throw.</summary>
    ICancelable ScheduleOnce(TimeSpan delay, Action action);
}

internal sealed class TimeProviderScheduler(TimeProvider timeProvider) : IScheduler
{
    public TimeProvider TimeProvider => timeProvider;

    public ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef sender)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return Schedule(delay, Timeout.InfiniteTimeSpan, () => receiver.Tell(message, sender));
    }

    public ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef sender)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        return Schedule(initialDelay, interval, () => receiver.Tell(message, sender));
    }

    public ICancelable ScheduleOnce(TimeSpan delay, Action action)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return Schedule(delay, Timeout.InfiniteTimeSpan, action);
    }

    private TimerCancelable Schedule(TimeSpan due, TimeSpan period, Action action)
    {
        var cancelable = new TimerCancelable(action);
        cancelable.Timer = timeProvider.CreateTimer(static s => ((TimerCancelable)s!).Fire(), cancelable, due, period);
        return cancelable;
    }

    private sealed class TimerCancelable(Action action) : ICancelable
    {
        private volatile bool _cancelled;

        public ITimer? Timer { get; set; }

        public bool IsCancellationRequested => _cancelled;

        public void Cancel()
        {
            _cancelled = true;
            Timer?.Dispose();
        }

        public void Fire()
        {
            if (!_cancelled)
            {
                action();
            }
        }
    }
}
