using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Akka.Actor;
using Akka.Cluster.Tools.Client;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Client;

/// <summary>
/// Results as they finish: a submission asks the contact member to push the results of its accepted tasks
/// (<see cref="SubmitBatch.PushResults"/>), and a caller that waits asks for the tasks it waits for (<see cref="WatchResults"/>);
/// the member pushes each the moment it finishes to the client's reply actor, so a waiting caller gets it without polling
/// and without a round trip after the acknowledgement (a result that arrives before anyone waits is kept a while:
/// <see cref="UnclaimedResults"/>). Pushes are an optimisation, never the only path: the client also polls (the
/// contact may not be the task's home, the home may have died and a successor taken the task over, or a push may be lost),
/// and renews its watches every <see cref="WatchRenewal"/>.
/// </summary>
public sealed partial class ComputeClient
{
    /// <summary>How often a waiting client renews its watches at the contact member: 10 s (a ClusterClient response tunnel closes after 30 s without traffic).</summary>
    public static readonly TimeSpan WatchRenewal = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long <see cref="WaitForResultAsync"/> and <see cref="WatchResultsAsync"/> keep asking about a task no member knows
    /// before they give up: 30 s. A task is unknown for a while when its home died: the successor home knows it once the
    /// split-brain resolver removed the dead home (about 5 s with hocon/lan.conf) and it took the home's tasks over.
    /// </summary>
    public static readonly TimeSpan UnknownTaskGrace = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, TaskCompletionSource<TaskResult>> _waiters = new(StringComparer.Ordinal);
    private readonly UnclaimedResults _unclaimed = new();

    /// <summary>
    /// Waits for a task's result: it comes pushed by the contact member the moment the task finishes, and is also asked for
    /// at once and then every <paramref name="pollInterval"/> (default 200 ms) in case the push cannot come.
    /// </summary>
    /// <param name="taskId">The task's id.</param>
    /// <param name="pollInterval">How often to ask when no push came; default 200 ms.</param>
    /// <param name="cancellationToken">Stops waiting (<see cref="OperationCanceledException"/>).</param>
    /// <returns>The task's first terminal result.</returns>
    /// <exception cref="InvalidOperationException">No member knew the task for <see cref="UnknownTaskGrace"/> (it was never accepted).</exception>
    /// <exception cref="SubmissionException">A poll had no answer after three tries of <see cref="ComputeClientOptions.RequestTimeout"/>.</exception>
    public async Task<TaskResult> WaitForResultAsync(string taskId, TimeSpan? pollInterval = null, CancellationToken cancellationToken = default)
    {
        var clock = TimeProvider.System;
        var waiter = Waiter(taskId);
        SendWatch([taskId]);
        var renewAt = clock.GetUtcNow() + WatchRenewal;
        DateTimeOffset? unknownSince = null;
        try
        {
            while (!waiter.Task.IsCompleted)
            {
                var (result, state) = await GetResultAsync(taskId, cancellationToken).ConfigureAwait(false);
                if (result is not null)
                {
                    return result;
                }

                unknownSince = state is null ? unknownSince ?? clock.GetUtcNow() : null;
                if (unknownSince is { } since && clock.GetUtcNow() - since > UnknownTaskGrace)
                {
                    throw new InvalidOperationException($"task '{taskId}' is unknown to every member of the cluster (asked for {UnknownTaskGrace.TotalSeconds:0} s)");
                }

                if (clock.GetUtcNow() >= renewAt)
                {
                    SendWatch([taskId]);
                    renewAt = clock.GetUtcNow() + WatchRenewal;
                }

                await Task.WhenAny(waiter.Task, Task.Delay(pollInterval ?? TimeSpan.FromMilliseconds(200), cancellationToken)).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }

            return await waiter.Task.ConfigureAwait(false);
        }
        finally
        {
            _waiters.TryRemove(new KeyValuePair<string, TaskCompletionSource<TaskResult>>(taskId, waiter));
        }
    }

    /// <summary>
    /// The results of <paramref name="taskIds"/> as they finish, each once, in the order they arrive (pushed by the contact
    /// member; the ones it cannot push, e.g. of tasks homed elsewhere, are asked for every <paramref name="pollInterval"/>,
    /// default 1 s). The stream ends when every task has its result.
    /// </summary>
    /// <param name="taskIds">The tasks; duplicates count once.</param>
    /// <param name="pollInterval">How often to ask for the results not pushed yet; default 1 s.</param>
    /// <param name="cancellationToken">Ends the stream (<see cref="OperationCanceledException"/>).</param>
    /// <returns>The results.</returns>
    /// <exception cref="InvalidOperationException">No member knew one of the tasks for <see cref="UnknownTaskGrace"/>.</exception>
    /// <exception cref="SubmissionException">A poll had no answer after three tries of <see cref="ComputeClientOptions.RequestTimeout"/>.</exception>
    public IAsyncEnumerable<TaskResult> WatchResultsAsync(IReadOnlyList<string> taskIds, TimeSpan? pollInterval = null, CancellationToken cancellationToken = default) =>
        WatchResultsCoreAsync(taskIds, pollInterval, cancellationToken); // not an iterator itself, so that the public API names no compiler-generated type

    private async IAsyncEnumerable<TaskResult> WatchResultsCoreAsync(IReadOnlyList<string> taskIds, TimeSpan? pollInterval, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var clock = TimeProvider.System;
        var poll = pollInterval ?? TimeSpan.FromSeconds(1);
        var remaining = taskIds.ToHashSet(StringComparer.Ordinal);
        var arrived = Channel.CreateUnbounded<TaskResult>();
        var waiters = remaining.Select(id => (Id: id, Waiter: Waiter(id))).ToList();
        foreach (var (_, waiter) in waiters)
        {
            _ = waiter.Task.ContinueWith(t => arrived.Writer.TryWrite(t.Result), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        try
        {
            SendWatch([.. remaining]);
            var renewAt = clock.GetUtcNow() + WatchRenewal;
            var pollAt = clock.GetUtcNow(); // the first poll at once: some may have finished at a home other than the contact
            var unknownSince = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            while (remaining.Count > 0)
            {
                while (arrived.Reader.TryRead(out var result))
                {
                    if (remaining.Remove(result.TaskId))
                    {
                        yield return result;
                    }
                }

                if (remaining.Count == 0)
                {
                    break;
                }

                var now = clock.GetUtcNow();
                if (now >= pollAt)
                {
                    await PollAsync(remaining, unknownSince, cancellationToken).ConfigureAwait(false);
                    pollAt = clock.GetUtcNow() + poll;
                }

                if (now >= renewAt)
                {
                    SendWatch([.. remaining]);
                    renewAt = now + WatchRenewal;
                }

                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                wait.CancelAfter(pollAt - clock.GetUtcNow() is { } left && left > TimeSpan.Zero ? left : TimeSpan.Zero);
                await arrived.Reader.WaitToReadAsync(wait.Token).AsTask().ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        finally
        {
            foreach (var (id, waiter) in waiters)
            {
                _waiters.TryRemove(new KeyValuePair<string, TaskCompletionSource<TaskResult>>(id, waiter));
            }
        }
    }

    /// <summary>Asks for the results of <paramref name="remaining"/> and hands the finished ones to their waiters; fails for tasks unknown for longer than the grace.</summary>
    private async Task PollAsync(HashSet<string> remaining, Dictionary<string, DateTimeOffset> unknownSince, CancellationToken cancellationToken)
    {
        var (finished, unfinished) = await GetProgressAsync([.. remaining], cancellationToken).ConfigureAwait(false);
        foreach (var result in finished)
        {
            Deliver(result);
        }

        var known = finished.Select(r => r.TaskId).Concat(unfinished.Select(u => u.TaskId)).ToHashSet(StringComparer.Ordinal);
        var now = TimeProvider.System.GetUtcNow();
        foreach (var id in remaining)
        {
            if (known.Contains(id))
            {
                unknownSince.Remove(id);
            }
            else if (now - (unknownSince.TryGetValue(id, out var since) ? since : unknownSince[id] = now) > UnknownTaskGrace)
            {
                throw new InvalidOperationException($"task '{id}' is unknown to every member of the cluster (asked for {UnknownTaskGrace.TotalSeconds:0} s)");
            }
        }
    }

    /// <summary>The waiter for <paramref name="taskId"/>'s result, completed at once when the result was pushed before (<see cref="UnclaimedResults"/>).</summary>
    private TaskCompletionSource<TaskResult> Waiter(string taskId)
    {
        lock (_unclaimed)
        {
            var waiter = _waiters.GetOrAdd(taskId, _ => new TaskCompletionSource<TaskResult>(TaskCreationOptions.RunContinuationsAsynchronously));
            if (_unclaimed.TryTake(taskId, out var early))
            {
                waiter.TrySetResult(early!);
            }

            return waiter;
        }
    }

    /// <summary>A result arrived (pushed or polled): its waiters get it; a pushed one nobody waits for yet is kept for a while.</summary>
    private void Deliver(TaskResult result, bool pushed = false)
    {
        lock (_unclaimed)
        {
            if (_waiters.TryGetValue(result.TaskId, out var waiter))
            {
                waiter.TrySetResult(result);
            }
            else if (pushed)
            {
                _unclaimed.Put(result);
            }
        }
    }

    /// <summary>
    /// Asks the contact member to push the results of <paramref name="taskIds"/> (in chunks of 500). Fire and forget. Sent from
    /// the reply actor, the sender of every request, so the member has one response tunnel and one watcher for this client,
    /// and a result watched both here and by a submission (<see cref="SubmitBatch.PushResults"/>) is pushed once.
    /// </summary>
    private void SendWatch(IReadOnlyList<string> taskIds)
    {
        foreach (var chunk in taskIds.Chunk(GetTaskResults.MaxIds))
        {
            _client.Tell(new ClusterClient.Send(PeerPath, new WatchResults(chunk), localAffinity: true), _replies);
        }
    }

    /// <summary>Results the contact member pushed (<see cref="ResultsPushed"/>, received by the reply actor): their waiters get them.</summary>
    private void Pushed(ResultsPushed pushed)
    {
        foreach (var result in pushed.Results)
        {
            Deliver(result, pushed: true);
        }
    }
}
