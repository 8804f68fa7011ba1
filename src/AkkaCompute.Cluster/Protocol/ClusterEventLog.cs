namespace AkkaCompute.Cluster.Protocol;

/// <summary>
/// The gossips a node went through since the last drain, turned into <see cref="ClusterEventDiff"/> events only when drained, so a
/// host that never asks for events pays O(1) per change. Bounded: at <c>max</c> remembered changes the oldest is folded into the
/// next (the events then describe the net change).
/// </summary>
internal sealed class ClusterEventLog
{
    private readonly int _max;
    private readonly List<Gossip> _changes = [];
    private Gossip _base = Gossip.Empty;

    public ClusterEventLog(int max) => _max = max;

    public void Record(Gossip gossip)
    {
        if (_changes.Count >= _max)
        {
            _changes.RemoveAt(0);
        }

        _changes.Add(gossip);
    }

    public IReadOnlyList<ClusterEvent> Drain(UniqueAddress self)
    {
        if (_changes.Count == 0)
        {
            return [];
        }

        var events = new List<ClusterEvent>();
        var previous = _base;
        foreach (var g in _changes)
        {
            events.AddRange(ClusterEventDiff.Diff(previous, g, self));
            previous = g;
        }

        _base = previous;
        _changes.Clear();
        return events;
    }
}
