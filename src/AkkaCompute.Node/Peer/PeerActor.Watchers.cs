using Akka.Actor;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Node.Peer;

/// <summary>
/// Results pushed to clients (<see cref="WatchResults"/>): a watched task's result goes to its watchers the moment it
/// finishes, so a client waiting for it does not poll. Pushes to one watcher travel together: the first one buffered sends
/// this actor a <see cref="FlushPushes"/>, handled after the messages already in its mailbox, so every result that finishes
/// meanwhile rides in the same <see cref="ResultsPushed"/> (as attempt reports do, PeerActor.Reports). A watcher that stops
/// (its ClusterClient response tunnel closed) is forgotten with its watches.
/// </summary>
public sealed partial class PeerActor
{
    /// <summary>The most results one <see cref="ResultsPushed"/> carries: 256.</summary>
    private const int PushBatchMax = 256;

    private readonly Dictionary<string, List<IActorRef>> _resultWatchers = new(StringComparer.Ordinal);
    private readonly Dictionary<IActorRef, HashSet<string>> _watchedBy = [];
    private readonly Dictionary<IActorRef, List<TaskResult>> _pushes = [];
    private bool _pushScheduled;

    private void WatchReceives()
    {
        Receive<WatchResults>(Watch);
        Receive<FlushPushes>(_ =>
        {
            _pushScheduled = false;
            foreach (var (watcher, results) in _pushes)
            {
                watcher.Tell(new ResultsPushed(results), Self);
            }

            _pushes.Clear();
        });
    }

    private void Watch(WatchResults watch)
    {
        var watcher = Sender;
        var finished = new List<TaskResult>();
        foreach (var id in watch.TaskIds.Take(GetTaskResults.MaxIds))
        {
            if (_table.ResultOf(id) is { } result)
            {
                finished.Add(result);
            }
            else if (_table.StateOf(id) is not null)
            {
                if (!_resultWatchers.TryGetValue(id, out var watchers))
                {
                    _resultWatchers[id] = watchers = [];
                }

                if (!watchers.Contains(watcher))
                {
                    watchers.Add(watcher);
                    if (!_watchedBy.TryGetValue(watcher, out var ids))
                    {
                        _watchedBy[watcher] = ids = new HashSet<string>(StringComparer.Ordinal);
                        Context.Watch(watcher);
                    }

                    ids.Add(id);
                }
            }
        }

        watcher.Tell(new ResultsPushed(finished), Self); // also the acknowledgement, which keeps the client's response tunnel open
    }

    /// <summary>A task finished: its watchers get the result with the next flush.</summary>
    private void PushResult(TaskResult result)
    {
        if (_resultWatchers.Count == 0 || !_resultWatchers.Remove(result.TaskId, out var watchers))
        {
            return;
        }

        foreach (var watcher in watchers)
        {
            if (_watchedBy.TryGetValue(watcher, out var ids))
            {
                ids.Remove(result.TaskId);
            }

            if (!_pushes.TryGetValue(watcher, out var pending))
            {
                _pushes[watcher] = pending = [];
            }

            pending.Add(result);
            if (pending.Count >= PushBatchMax)
            {
                watcher.Tell(new ResultsPushed(pending), Self);
                _pushes.Remove(watcher);
            }
            else if (!_pushScheduled)
            {
                _pushScheduled = true;
                Self.Tell(FlushPushes.Instance, Self);
            }
        }
    }

    /// <summary>A watcher stopped: its watches go.</summary>
    private void ForgetWatcher(IActorRef watcher)
    {
        _pushes.Remove(watcher);
        if (!_watchedBy.Remove(watcher, out var ids))
        {
            return;
        }

        foreach (var id in ids)
        {
            if (_resultWatchers.TryGetValue(id, out var watchers) && watchers.Remove(watcher) && watchers.Count == 0)
            {
                _resultWatchers.Remove(id);
            }
        }
    }

    private sealed class FlushPushes
    {
        public static readonly FlushPushes Instance = new();
    }
}
