using System.Diagnostics;
using System.Text.Json;
using Akka.Actor;
using AkkaCompute.Compute.Executors;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Node.Executors;

/// <summary>
/// Runs one attempt at a time with a timeout (its <see cref="TaskSpec.Timeout"/>, else the default)
/// on a cancellation token that <see cref="CancelAttempt"/> also cancels. The attempt runs off the
/// actor's turn; its outcome comes back as a message, so the actor stays responsive to cancels.
/// Reports <see cref="AttemptStarted"/> and <see cref="AttemptFinished"/> to its parent.
/// </summary>
public sealed class ExecutorActor : ReceiveActor
{
    private readonly ITaskRunner _runner;
    private readonly TimeSpan _defaultTimeout;
    private readonly TimeProvider _clock;
    private Running? _running;

    /// <summary>Creates the executor.</summary>
    /// <param name="runner">Runs attempts.</param>
    /// <param name="defaultTimeout">Timeout of tasks that set none.</param>
    /// <param name="clock">The clock timeouts are measured by.</param>
    public ExecutorActor(ITaskRunner runner, TimeSpan defaultTimeout, TimeProvider clock)
    {
        _runner = runner;
        _defaultTimeout = defaultTimeout;
        _clock = clock;
        Receive<Execute>(Start);
        Receive<CancelAttempt>(c =>
        {
            if (_running is { } r && r.Task.Id == c.TaskId)
            {
                r.CancelledByUser = true;
                r.Cancellation.Cancel();
            }
        });
        Receive<Done>(Finish);
    }

    /// <summary>Props for an executor.</summary>
    /// <param name="runner">Runs attempts.</param>
    /// <param name="defaultTimeout">Timeout of tasks that set none.</param>
    /// <param name="clock">The clock timeouts are measured by; default the system clock.</param>
    public static Props Props(ITaskRunner runner, TimeSpan defaultTimeout, TimeProvider? clock = null) =>
        Akka.Actor.Props.Create(() => new ExecutorActor(runner, defaultTimeout, clock ?? TimeProvider.System));

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
        Context.Parent.Tell(new AttemptStarted(execute.Task.Id, execute.Attempt), Self);
        ThreadPool.UnsafeQueueUserWorkItem(running, preferLocal: true);
    }

    private void Finish(Done done)
    {
        var r = done.Running;
        if (!ReferenceEquals(r, _running))
        {
            return;
        }

        _running = null;
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
    /// One attempt. It is also the thread-pool work item that runs it off the actor's turn (the actor's thread is never
    /// blocked by a function) and tells the executor a <see cref="Done"/> when the runner's task completes.
    /// </summary>
    private sealed class Running(TaskSpec task, int attempt, CancellationTokenSource cancellation, long startedAt, TimeSpan timeout, ITaskRunner runner, IActorRef executor)
        : IThreadPoolWorkItem
    {
        public TaskSpec Task { get; } = task;

        public int Attempt { get; } = attempt;

        public CancellationTokenSource Cancellation { get; } = cancellation;

        /// <summary>When it started (<see cref="Stopwatch.GetTimestamp"/>).</summary>
        public long StartedAt { get; } = startedAt;

        public TimeSpan Timeout { get; } = timeout;

        public bool CancelledByUser { get; set; }

        /// <summary>Runs the attempt on a thread-pool thread.</summary>
        public void Execute()
        {
            Task<JsonElement> attempt;
            try
            {
                attempt = runner.RunAsync(Task, Attempt, Cancellation.Token);
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
}
