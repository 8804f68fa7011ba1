namespace AkkaCompute.Actors;

/// <summary>Tell without a sender, Forward, Ask and GracefulStop, as in Akka.NET.</summary>
public static class ActorRefExtensions
{
    /// <summary>
    /// Sends <paramref name="message"/> with the current actor as sender when called from inside an
    /// actor, and <see cref="ActorRefs.NoSender"/> otherwise.
    /// </summary>
    public static void Tell(this IActorRef target, object message) =>
        target.Tell(message, ActorCell.Current?.Self ?? ActorRefs.NoSender);

    /// <summary>Sends <paramref name="message"/> keeping the sender of the message being processed.</summary>
    /// <exception cref="IllegalActorStateException">Called outside an actor's turn.</exception>
    public static void Forward(this IActorRef target, object message)
    {
        var cell = ActorCell.Current ?? throw new IllegalActorStateException("Forward can only be called from inside an actor");
        target.Tell(message, cell.Sender);
    }

    /// <summary>
    /// Sends <paramref name="message"/> and returns the first reply. A <see cref="Status.Failure"/>
    /// reply throws its cause. An Ask to a stopped actor fails at once.
    /// </summary>
    /// <param name="target">The recipient.</param>
    /// <param name="message">The request.</param>
    /// <param name="timeout">How long to wait; null for the system's <see cref="ActorSystemSettings.DefaultAskTimeout"/> (10 s). Must be positive.</param>
    /// <param name="cancellationToken">Cancels the wait (the task is cancelled).</param>
    /// <exception cref="AskTimeoutException">No reply within <paramref name="timeout"/>, or the recipient is dead.</exception>
    /// <exception cref="InvalidCastException">The reply is not a <typeparamref name="T"/>.</exception>
    public static async Task<T> Ask<T>(this IActorRef target, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var reply = await Ask(target, message, timeout, cancellationToken).ConfigureAwait(false);
        return reply is T t
            ? t
            : throw new InvalidCastException($"Ask to {target} expected a reply of type {typeof(T).Name} but got {reply.GetType().Name}");
    }

    /// <summary>Sends <paramref name="message"/> and returns the first reply (see <see cref="Ask{T}"/>).</summary>
    public static Task<object> Ask(this IActorRef target, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(message);
        if (target is ActorRefBase { IsTerminated: true })
        {
            return Task.FromException<object>(new AskTimeoutException($"Recipient {target} had already been terminated"));
        }

        var system = (target as ActorRefBase)?.SystemImpl ?? ActorCell.Current?.SystemImpl;
        var wait = timeout ?? system?.Settings.DefaultAskTimeout ?? TimeSpan.FromSeconds(10);
        if (wait <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), wait, "Ask timeout must be positive");
        }

        var timeProvider = system?.TimeProvider ?? TimeProvider.System;
        var promise = new PromiseActorRef(system?.NewTempPath() ?? new RootActorPath(new Address("akc", "temp")) / "ask");
        var timer = timeProvider.CreateTimer(
            static s =>
            {
                var (p, t, m, w) = ((PromiseActorRef, IActorRef, object, TimeSpan))s!;
                p.Fail(new AskTimeoutException($"Ask timed out on {t} after {w.TotalMilliseconds:0} ms (message type {m.GetType().Name})"));
            },
            (promise, target, message, wait),
            wait,
            Timeout.InfiniteTimeSpan);
        var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.Register(static s => { var (p, ct) = ((PromiseActorRef, CancellationToken))s!; p.Cancel(ct); }, (promise, cancellationToken))
            : default;
        target.Tell(message, promise);
        return promise.Task.ContinueWith(
            static (t, s) =>
            {
                var (tm, reg) = ((ITimer, CancellationTokenRegistration))s!;
                tm.Dispose();
                reg.Dispose();
                return t;
            },
            (timer, registration),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default).Unwrap();
    }

    /// <summary>
    /// Stops <paramref name="target"/> gracefully: sends <paramref name="stopMessage"/> (default
    /// <see cref="PoisonPill"/>) and waits for it to terminate.
    /// </summary>
    /// <returns>True when it terminated within <paramref name="timeout"/>, false otherwise.</returns>
    public static async Task<bool> GracefulStop(this IActorRef target, TimeSpan timeout, object? stopMessage = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target is not ActorRefBase r)
        {
            throw new ArgumentException($"{target} cannot be watched", nameof(target));
        }

        var system = r.SystemImpl;
        var promise = new PromiseActorRef(system?.NewTempPath() ?? new RootActorPath(new Address("akc", "temp")) / "stop");
        r.SendSystemMessage(new Watch(r, promise));
        target.Tell(stopMessage ?? PoisonPill.Instance, ActorRefs.NoSender);
        try
        {
            await promise.Task.WaitAsync(timeout, system?.TimeProvider ?? TimeProvider.System).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            r.SendSystemMessage(new Unwatch(r, promise));
            return false;
        }
    }
}
