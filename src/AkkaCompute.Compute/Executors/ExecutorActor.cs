using System.Diagnostics;
using System.Text.Json;
using AkkaCompute.Actors;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Compute.Executors;

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
    private Running? _running;

    /// <summary>Creates the executor.</summary>
    /// <param name="runner">Runs attempts.</param>
    /// <param name="defaultTimeout">Timeout of tasks that set none.</param>
    public ExecutorActor(ITaskRunner runner, TimeSpan defaultTimeout)
    {
        _runner = runner;
        _defaultTimeout = defaultTimeout;
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
    public static Props Props(ITaskRunner runner, TimeSpan defaultTimeout) =>
        Actors.Props.Create(() => new ExecutorActor(runner, defaultTimeout));

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
        var cts = new CancellationTokenSource(timeout, Context.System.TimeProvider);
        var running = new Running(execute.Task, execute.Attempt, cts, Stopwatch.StartNew(), timeout);
        _running = running;
        Context.Parent.Tell(new AttemptStarted(execute.Task.Id, execute.Attempt), Self);
        var self = Self;
        var runner = _runner;
        _ = Task.Run(async () =>
        {
            try
            {
                var output = await runner.RunAsync(running.Task, running.Attempt, cts.Token).ConfigureAwait(false);
                self.Tell(new Done(running, output, null), ActorRefs.NoSender);
            }
            catch (Exception e)
            {
                self.Tell(new Done(running, null, e), ActorRefs.NoSender);
            }
        });
    }

    private void Finish(Done done)
    {
        var r = done.Running;
        if (!ReferenceEquals(r, _running))
        {
            return;
        }

        _running = null;
        var elapsed = r.Clock.Elapsed.TotalMilliseconds;
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

    private sealed class Running(TaskSpec task, int attempt, CancellationTokenSource cancellation, Stopwatch clock, TimeSpan timeout)
    {
        public TaskSpec Task { get; } = task;

        public int Attempt { get; } = attempt;

        public CancellationTokenSource Cancellation { get; } = cancellation;

        public Stopwatch Clock { get; } = clock;

        public TimeSpan Timeout { get; } = timeout;

        public bool CancelledByUser { get; set; }
    }

    private sealed record Done(Running Running, JsonElement? Output, Exception? Error);
}
