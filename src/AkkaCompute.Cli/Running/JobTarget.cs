using System.Threading.Channels;
using AkkaCompute.Client;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Hosting.Node;

namespace AkkaCompute.Cli.Running;

/// <summary>Where <c>akc run</c> sends a job and follows it: a node in this process, or a running cluster through ClusterClient.</summary>
internal interface IJobTarget
{
    /// <summary>Task events (at least the terminal ones) of the tasks submitted through this target.</summary>
    ChannelReader<TaskEvent> Events { get; }

    /// <summary>Submits a batch of job <paramref name="jobId"/>: a <see cref="BatchAccepted"/> or a <see cref="BatchRefused"/>.</summary>
    Task<object> SubmitAsync(IReadOnlyList<TaskSpec> tasks, string jobId, CancellationToken cancellationToken);

    /// <summary>The result of a task already finished (for tasks the target already knew), or null.</summary>
    Task<TaskResult?> GetResultAsync(string taskId, CancellationToken cancellationToken);
}

/// <summary>A node in this process: events are pushed by its PeerActor.</summary>
internal sealed class LocalJobTarget(ComputeNode node) : IJobTarget
{
    public ChannelReader<TaskEvent> Events { get; } = node.SubscribeEvents();

    public Task<object> SubmitAsync(IReadOnlyList<TaskSpec> tasks, string jobId, CancellationToken cancellationToken) =>
        node.SubmitAsync(tasks, clientId: null, cancellationToken);

    public async Task<TaskResult?> GetResultAsync(string taskId, CancellationToken cancellationToken) =>
        await node.GetResultAsync(taskId, cancellationToken) as TaskResult;
}

/// <summary>
/// A running cluster through <see cref="ComputeClient"/>: the tasks' home is the contact member. Events are made from
/// its answers to <see cref="GetTaskResults"/> with states, asked for every unfinished task every 200 ms: a task's
/// Queued, Running and Retrying states and its progress (each change once) and its terminal result.
/// </summary>
internal sealed class RemoteJobTarget : IJobTarget, IAsyncDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private readonly ComputeClient _client;
    private readonly Channel<TaskEvent> _events = Channel.CreateUnbounded<TaskEvent>();
    private readonly HashSet<string> _waiting = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _poller;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (TaskState State, int Attempt, double? Progress)> _seen = new(StringComparer.Ordinal);

    public RemoteJobTarget(ComputeClient client)
    {
        _client = client;
        _poller = Task.Run(PollAsync);
    }

    public ChannelReader<TaskEvent> Events => _events.Reader;

    public async Task<object> SubmitAsync(IReadOnlyList<TaskSpec> tasks, string jobId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _waiting.UnionWith(tasks.Select(t => t.Id));
        }

        try
        {
            var outcome = await _client.SubmitAsync(tasks, jobId, cancellationToken);
            return new BatchAccepted(outcome.Accepted, outcome.AlreadyKnown);
        }
        catch (SubmissionException e) when (e.Refused)
        {
            return new BatchRefused(e.Message);
        }
    }

    public async Task<TaskResult?> GetResultAsync(string taskId, CancellationToken cancellationToken) =>
        (await _client.GetResultAsync(taskId, cancellationToken)).Result;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _poller;
        }
        catch (OperationCanceledException)
        {
            // stopped
        }

        _stop.Dispose();
    }

    private async Task PollAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            string[] ids;
            lock (_gate)
            {
                ids = [.. _waiting];
            }

            if (ids.Length > 0)
            {
                try
                {
                    var (finished, unfinished) = await _client.GetProgressAsync(ids, _stop.Token);
                    foreach (var state in unfinished)
                    {
                        // Only changes become events: Running of attempt 2 after Retrying, not Running again every poll.
                        var known = _seen.TryGetValue(state.TaskId, out var seen);
                        _seen[state.TaskId] = (state.State, state.Attempt, state.Progress);
                        if (!known || (seen.State, seen.Attempt) != (state.State, state.Attempt))
                        {
                            _events.Writer.TryWrite(new TaskEvent(state.TaskId, state.State, state.Attempt));
                        }

                        // Progress goes in its own event, as a local node sends it: it applies to the Running state above.
                        if (state.Progress is { } fraction && (!known || seen.Progress != fraction))
                        {
                            _events.Writer.TryWrite(new TaskEvent(state.TaskId, state.State, state.Attempt, Progress: fraction));
                        }
                    }

                    foreach (var result in finished)
                    {
                        lock (_gate)
                        {
                            _waiting.Remove(result.TaskId);
                        }

                        _seen.Remove(result.TaskId);
                        _events.Writer.TryWrite(new TaskEvent(result.TaskId, result.State, result.Attempts, result));
                    }
                }
                catch (SubmissionException e)
                {
                    _events.Writer.TryComplete(new IOException("the cluster stopped answering: " + e.Message, e));
                    return;
                }
            }

            await Task.Delay(PollInterval, _stop.Token);
        }
    }
}
