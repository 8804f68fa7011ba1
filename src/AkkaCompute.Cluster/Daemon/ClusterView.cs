using Microsoft.Extensions.Logging;

namespace AkkaCompute.Cluster.Daemon;

/// <summary>
/// The latest membership state as the daemon last saw it, readable from any thread (Akka's <c>ClusterReadView</c>), plus the
/// callbacks and waiters that depend on this node's own status. The daemon calls <see cref="Update"/> after every step; readers get
/// an immutable snapshot. Callbacks run on the thread pool, never on the daemon's turn.
/// </summary>
internal sealed class ClusterView
{
    /// <summary>Most registered callbacks of each kind (1,000); registering more throws.</summary>
    public const int MaxCallbacks = 1000;

    private readonly Lock _lock = new();
    private readonly ILogger _log;
    private readonly List<Action> _onUp = [];
    private readonly List<Action> _onRemoved = [];
    private readonly List<(Func<Member, bool> Condition, TaskCompletionSource Done)> _waiters = [];
    private volatile Snapshot _snapshot;
    private bool _wasUp;

    public ClusterView(UniqueAddress self, ILogger log)
    {
        _log = log;
        _snapshot = new Snapshot(Gossip.Empty, self, false);
    }

    /// <summary>This node's identity.</summary>
    public UniqueAddress Self => _snapshot.Self;

    /// <summary>The latest gossip the daemon holds.</summary>
    public Gossip LatestGossip => _snapshot.Gossip;

    /// <summary>This node's member (a Removed placeholder when it is not, or no longer, a member).</summary>
    public Member SelfMember => _snapshot.Gossip.GetMember(_snapshot.Self);

    /// <summary>The snapshot of the latest gossip as seen from this node (computed once per gossip).</summary>
    public CurrentClusterState State => _snapshot.State;

    /// <summary>True once this node was removed from the cluster or its daemon stopped.</summary>
    public bool IsTerminated => _snapshot.Terminated;

    /// <summary>Publishes the daemon's latest gossip; fires callbacks and completes waiters whose condition now holds.</summary>
    public void Update(Gossip gossip, UniqueAddress self, bool removed)
    {
        var previous = _snapshot;
        if (ReferenceEquals(previous.Gossip, gossip) && previous.Self.Equals(self) && previous.Terminated == removed)
        {
            return;
        }

        _snapshot = new Snapshot(gossip, self, removed);
        Check();
    }

    /// <summary>Marks the view terminated (the daemon stopped): removal callbacks fire and every waiter completes.</summary>
    public void MarkTerminated()
    {
        var s = _snapshot;
        _snapshot = new Snapshot(s.Gossip, s.Self, true);
        Check();
    }

    /// <summary>
    /// Runs <paramref name="callback"/> once this node is Up (at once, on the thread pool, if it has been Up and is still in the
    /// cluster). Never runs when the node is removed before it was Up.
    /// </summary>
    /// <exception cref="InvalidOperationException">More than <see cref="MaxCallbacks"/> callbacks are registered.</exception>
    public void OnMemberUp(Action callback) => Register(_onUp, callback);

    /// <summary>Runs <paramref name="callback"/> once this node is removed or the cluster extension stops (at once if that happened).</summary>
    /// <exception cref="InvalidOperationException">More than <see cref="MaxCallbacks"/> callbacks are registered.</exception>
    public void OnMemberRemoved(Action callback) => Register(_onRemoved, callback);

    /// <summary>Completes when this node's member satisfies <paramref name="condition"/> or the view is terminated.</summary>
    public Task WhenSelf(Func<Member, bool> condition)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _waiters.Add((condition, done));
        }

        Check();
        return done.Task;
    }

    private void Register(List<Action> list, Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        lock (_lock)
        {
            if (list.Count >= MaxCallbacks)
            {
                throw new InvalidOperationException($"at most {MaxCallbacks} cluster callbacks of one kind can be registered");
            }

            list.Add(callback);
        }

        Check();
    }

    private void Check()
    {
        var s = _snapshot;
        var self = s.Gossip.GetMember(s.Self);
        List<Action> run = [];
        lock (_lock)
        {
            _wasUp |= self.Status == MemberStatus.Up;
            if (_wasUp && !s.Terminated && _onUp.Count > 0)
            {
                run.AddRange(_onUp);
                _onUp.Clear();
            }

            if (s.Terminated && _onRemoved.Count > 0)
            {
                run.AddRange(_onRemoved);
                _onRemoved.Clear();
            }

            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (s.Terminated || _waiters[i].Condition(self))
                {
                    _waiters[i].Done.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }

        foreach (var callback in run)
        {
            _ = Task.Run(() => Invoke(callback));
        }
    }

    private void Invoke(Action callback)
    {
        try
        {
            callback();
        }
        catch (Exception e)
        {
            _log.LogError(e, "a cluster membership callback failed: {Message}", e.Message);
        }
    }

    private sealed class Snapshot(Gossip gossip, UniqueAddress self, bool terminated)
    {
        private CurrentClusterState? _state;

        public Gossip Gossip { get; } = gossip;

        public UniqueAddress Self { get; } = self;

        public bool Terminated { get; } = terminated;

        public CurrentClusterState State => _state ??= CurrentClusterState.From(Gossip, Self);
    }
}
