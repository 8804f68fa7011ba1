using System.Diagnostics;
using System.Text.Json;
using Akka.Actor;
using Akka.Event;
using AkkaCompute.Compute.Execution;
using AkkaCompute.Compute.Executors;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Node.Executors;

/// <summary>
/// Runs one attempt at a time with a timeout (its <see cref="TaskSpec.Timeout"/>, else the default)
/// on a cancellation token that <see cref="CancelAttempt"/> also cancels. The attempt runs off the
/// actor's turn; its outcome comes back as a message, so the actor stays responsive to cancels.
/// Reports <see cref="AttemptStarted"/>, <see cref="AttemptProgress"/> (throttled, see <see cref="ProgressGate"/>) and
/// <see cref="AttemptFinished"/> to its parent.
/// </summary>
/// <remarks>
/// A timeout always ends the attempt, whatever its code does: when the token is cancelled (timeout or cancel), a timer
/// of the grace (<c>akc.executor.timeout-grace</c>) starts on Akka's scheduler. If the attempt has not returned when it
/// fires, the executor abandons it: it reports the attempt finished (TimedOut, or Cancelled after a cancel), tells its
/// parent <see cref="AttemptAbandoned"/>, logs a warning naming the task, and is free for the next attempt. The
/// abandoned code keeps its thread until it returns; its result is then ignored (logged) and the parent is told
/// <see cref="AbandonedAttemptEnded"/>. The pool bounds how many may be abandoned at once (<see cref="ExecutorRouter"/>).
/// </remarks>
public sealed class ExecutorActor : ReceiveActor, IWithTimers
{
    /// <summary>Default of <c>akc.executor.timeout-grace</c>: 1 s.</summary>
    public static readonly TimeSpan DefaultTimeoutGrace = TimeSpan.FromSeconds(1);

    private const string GraceTimer = "grace";
    private const string ProgressTimer = "progress";
    private readonly ITaskRunner _runner;
    private readonly TimeSpan _defaultTimeout;
    private readonly TimeSpan _grace;
    private readonly TimeProvider _clock;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private Running? _running;

    /// <summary>Creates the executor.</summary>
    /// <param name="runner">Runs attempts.</param>
    /// <param name="defaultTimeout">Timeout of tasks that set none.</param>
    /// <param name="clock">The clock timeouts are measured by.</param>
    /// <param name="timeoutGrace">How long an attempt has to return once its token is cancelled before it is abandoned; positive.</param>
    public ExecutorActor(ITaskRunner runner, TimeSpan defaultTimeout, TimeProvider clock, TimeSpan timeoutGrace)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeoutGrace, TimeSpan.Zero);
        _runner = runner;
        _defaultTimeout = defaultTimeout;
        _clock = clock;
        _grace = timeoutGrace;
        Receive<Execute>(Start);
        Receive<CancelAttempt>(c =>
        {
            if (_running is { } r && r.Task.Id == c.TaskId)
            {
                r.CancelledByUser = true;
                r.Cancellation.Cancel();
            }
        });
        Receive<CancelRequested>(c =>
        {
            if (ReferenceEquals(c.Running, _running))
            {
                Timers.StartSingleTimer(GraceTimer, new GraceExpired(c.Running), _grace);
            }
        });
        Receive<GraceExpired>(g => Abandon(g.Running));
        Receive<ProgressDue>(p => FlushProgress(p.Running));
        Receive<Done>(Finish);
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props for an executor.</summary>
    /// <param name="runner">Runs attempts.</param>
    /// <param name="defaultTimeout">Timeout of tasks that set none.</param>
    /// <param name="clock">The clock timeouts are measured by; default the system clock.</param>
    /// <param name="timeoutGrace">How long an attempt has to return once its token is cancelled before it is abandoned; default <see cref="DefaultTimeoutGrace"/>.</param>
    public static Props Props(ITaskRunner runner, TimeSpan defaultTimeout, TimeProvider? clock = null, TimeSpan? timeoutGrace = null) =>
        Akka.Actor.Props.Create(() => new ExecutorActor(runner, defaultTimeout, clock ?? TimeProvider.System, timeoutGrace ?? DefaultTimeoutGrace));

    /// <inheritdoc />
    protected override void PostStop() => _running?.Cancellation.Cancel();

    private void Start(Execute execute)
    {
        if (_running is not null)
        {
            Context.Parent.Tell(new AttemptFinished(execute.Task, execute.Attempt, AttemptOutcome.Failed, null, "executor busy (internal error: two attempts sent to one executor)", 0), Self);
            return;
        }

        var timeout = execute.Task.Timeout ?? _defaultTimeout;
        var cts = new CancellationTokenSource(timeout, _clock);
        var running = new Running(execute.Task, execute.Attempt, cts, Stopwatch.GetTimestamp(), timeout, _runner, Self);
        _running = running;
        cts.Token.UnsafeRegister(static state => ((Running)state!).TellCancelRequested(), running);
        Context.Parent.Tell(new AttemptStarted(execute.Task.Id, execute.Attempt), Self);
        ThreadPool.UnsafeQueueUserWorkItem(running, preferLocal: true);
    }

    private void Finish(Done done)
    {
        var r = done.Running;
        if (!ReferenceEquals(r, _running))
        {
            if (r.Abandoned)
            {
                _log.Warning(
                    "Task {0} attempt {1}: the abandoned attempt returned after {2:0} ms ({3}); its result is ignored",
                    r.Task.Id, r.Attempt, Stopwatch.GetElapsedTime(r.StartedAt).TotalMilliseconds, done.Error is null ? "succeeded" : done.Error.GetType().Name);
                r.Cancellation.Dispose();
                Context.Parent.Tell(new AbandonedAttemptEnded(r.Task.Id, r.Attempt), Self);
            }

            return;
        }

        _running = null;
        Timers.Cancel(GraceTimer);
        Timers.Cancel(ProgressTimer);
        var elapsed = Stopwatch.GetElapsedTime(r.StartedAt).TotalMilliseconds;
        var (outcome, error) = done.Error switch
        {
            null => (AttemptOutcome.Succeeded, (string?)null),
            OperationCanceledException when r.CancelledByUser => (AttemptOutcome.Cancelled, "cancelled"),
            OperationCanceledException when r.Cancellation.IsCancellationRequested => (AttemptOutcome.TimedOut, $"timed out after {r.Timeout.TotalMilliseconds:0} ms"),
            TaskRejectedException rejected => (AttemptOutcome.Rejected, rejected.Message),
            var e => (AttemptOutcome.Failed, $"{e.GetType().Name}: {e.Message}"),
        };
        r.Cancellation.Dispose();
        Context.Parent.Tell(new AttemptFinished(r.Task, r.Attempt, outcome, outcome == AttemptOutcome.Succeeded ? done.Output : null, error, elapsed), Self);
    }

    /// <summary>
    /// The attempt has a new progress value: sends it to the parent as an <see cref="AttemptProgress"/> unless one went out
    /// less than <see cref="ProgressGate.DefaultInterval"/> ago; then again when the interval has passed (the latest value).
    /// </summary>
    private void FlushProgress(Running r)
    {
        if (!ReferenceEquals(r, _running))
        {
            return;
        }

        var decision = r.Gate.Flush(Stopwatch.GetElapsedTime(r.StartedAt));
        if (decision.Send is { } fraction)
        {
            Context.Parent.Tell(new AttemptProgress(r.Task.Id, r.Attempt, fraction), Self);
        }
        else if (decision.Wait is { } wait)
        {
            Timers.StartSingleTimer(ProgressTimer, new ProgressDue(r), wait);
        }
    }

    /// <summary>
    /// The grace after the cancellation passed: if the attempt still runs, it is reported finished and abandoned, and the
    /// executor is free. Its <see cref="Running.Cancellation"/> stays undisposed while its code may still read the token.
    /// </summary>
    private void Abandon(Running r)
    {
        if (!ReferenceEquals(r, _running))
        {
            return;
        }

        _running = null;
        r.Abandoned = true;
        var elapsed = Stopwatch.GetElapsedTime(r.StartedAt).TotalMilliseconds;
        var why = r.CancelledByUser ? "cancelled" : $"timed out after {r.Timeout.TotalMilliseconds:0} ms";
        var error = $"{why}; the attempt did not stop within {_grace.TotalMilliseconds:0} ms of its cancellation "
            + "(akc.executor.timeout-grace) and was abandoned: its thread runs on and its result will be ignored";
        _log.Warning(
            "Task {0} attempt {1} {2} and ignored its cancellation for {3:0} ms (akc.executor.timeout-grace): abandoned; its thread runs on until its code returns",
            r.Task.Id, r.Attempt, why, _grace.TotalMilliseconds);
        Context.Parent.Tell(new AttemptAbandoned(r.Task.Id, r.Attempt), Self);
        Context.Parent.Tell(new AttemptFinished(r.Task, r.Attempt, r.CancelledByUser ? AttemptOutcome.Cancelled : AttemptOutcome.TimedOut, null, error, elapsed), Self);
    }

    /// <summary>
    /// One attempt. It is also the thread-pool work item that runs it off the actor's turn (the actor's thread is never
    /// blocked by a function) and tells the executor a <see cref="Done"/> when the runner's task completes, and the
    /// attempt's progress receiver (the value goes through <see cref="Gate"/>; the executor is told when there is news).
    /// </summary>
    private sealed class Running(TaskSpec task, int attempt, CancellationTokenSource cancellation, long startedAt, TimeSpan timeout, ITaskRunner runner, IActorRef executor)
        : IThreadPoolWorkItem, IProgress<double>
    {
        /// <summary>Throttles the attempt's progress reports.</summary>
        public ProgressGate Gate { get; } = new();

        public TaskSpec Task { get; } = task;

        public int Attempt { get; } = attempt;

        public CancellationTokenSource Cancellation { get; } = cancellation;

        /// <summary>When it started (<see cref="Stopwatch.GetTimestamp"/>).</summary>
        public long StartedAt { get; } = startedAt;

        public TimeSpan Timeout { get; } = timeout;

        public bool CancelledByUser { get; set; }

        /// <summary>Set (by the executor, on its turn) when the attempt was abandoned; its late <see cref="Done"/> is then only counted.</summary>
        public bool Abandoned { get; set; }

        /// <summary>Called by the token's registration (on the cancelling thread): starts the grace on the executor's turn.</summary>
        public void TellCancelRequested() => executor.Tell(new CancelRequested(this), ActorRefs.NoSender);

        /// <summary>A progress report from the attempt (any thread): kept; the executor is told when it must flush.</summary>
        public void Report(double value)
        {
            if (!Abandoned && Gate.Offer(value))
            {
                executor.Tell(new ProgressDue(this), ActorRefs.NoSender);
            }
        }

        /// <summary>Runs the attempt on a thread-pool thread.</summary>
        public void Execute()
        {
            Task<JsonElement> attempt;
            try
            {
                attempt = runner.RunAsync(Task, Attempt, this, Cancellation.Token);
            }
            catch (Exception e)
            {
                executor.Tell(new Done(this, null, e), ActorRefs.NoSender);
                return;
            }

            if (attempt.IsCompleted)
            {
                Completed(attempt);
                return;
            }

            attempt.ContinueWith(
                static (t, state) => ((Running)state!).Completed(t),
                this,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        /// <summary>Reports the outcome as <c>await</c> would see it: the result, the first exception, or a cancellation.</summary>
        private void Completed(Task<JsonElement> attempt)
        {
            var done = attempt.Status switch
            {
                TaskStatus.RanToCompletion => new Done(this, attempt.Result, null),
                TaskStatus.Faulted => new Done(this, null, attempt.Exception!.InnerExceptions[0]),
                _ => new Done(this, null, new TaskCanceledException(attempt)),
            };
            executor.Tell(done, ActorRefs.NoSender);
        }
    }

    private sealed record Done(Running Running, JsonElement? Output, Exception? Error);

    /// <summary>The attempt's token was cancelled (timeout or cancel): the grace starts.</summary>
    private sealed record CancelRequested(Running Running);

    /// <summary>The attempt has progress to send (or the throttle's interval passed).</summary>
    private sealed record ProgressDue(Running Running);

    /// <summary>The grace after the cancellation of the attempt passed.</summary>
    private sealed record GraceExpired(Running Running);
}
