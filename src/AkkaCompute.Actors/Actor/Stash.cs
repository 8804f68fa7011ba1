namespace AkkaCompute.Actors;

/// <summary>
/// Lets an actor put messages aside and take them back later (Akka's IWithStash). The runtime
/// sets <see cref="Stash"/> when it creates the actor; on restart the stash is returned to the
/// mailbox, on stop its messages go to dead letters.
/// </summary>
public interface IWithStash
{
    /// <summary>The actor's stash; set by the runtime.</summary>
    IStash Stash { get; set; }
}

/// <summary>An actor's stash.</summary>
public interface IStash
{
    /// <summary>Number of stashed messages.</summary>
    int Count { get; }

    /// <summary>Maximum number of stashed messages (<c>actor.stash-capacity</c>, default 100,000).</summary>
    int Capacity { get; }

    /// <summary>Puts the message being processed aside.</summary>
    /// <exception cref="IllegalActorStateException">The same message was stashed twice, or there is no current message.</exception>
    /// <exception cref="StashOverflowException">The stash holds <see cref="Capacity"/> messages.</exception>
    void Stash();

    /// <summary>Returns the oldest stashed message to the front of the mailbox.</summary>
    void Unstash();

    /// <summary>Returns every stashed message to the front of the mailbox, oldest first, ahead of anything queued.</summary>
    void UnstashAll();

    /// <summary>Returns the stashed messages matching <paramref name="predicate"/> to the front of the mailbox.</summary>
    void UnstashAll(Func<Envelope, bool> predicate);

    /// <summary>Removes and returns every stashed message without delivering them.</summary>
    IReadOnlyList<Envelope> ClearStash();
}

internal sealed class StashImpl(ActorCell cell, int capacity) : IStash
{
    private readonly List<Envelope> _stashed = [];
    private long _lastStashedInvocation = -1;

    public int Count => _stashed.Count;

    public int Capacity => capacity;

    public void Stash()
    {
        var message = cell.CurrentMessage ?? throw new IllegalActorStateException("there is no message to stash");
        if (cell.InvocationCount == _lastStashedInvocation)
        {
            throw new IllegalActorStateException($"message {message.GetType().Name} is already stashed");
        }

        if (_stashed.Count >= capacity)
        {
            throw new StashOverflowException($"stash of {cell.SelfRef} is full (capacity {capacity})");
        }

        _stashed.Add(new Envelope(message, cell.Sender));
        _lastStashedInvocation = cell.InvocationCount;
    }

    public void Unstash()
    {
        if (_stashed.Count == 0)
        {
            return;
        }

        var first = _stashed[0];
        _stashed.RemoveAt(0);
        cell.Mailbox.Prepend([first]);
    }

    public void UnstashAll()
    {
        var all = _stashed.ToList();
        _stashed.Clear();
        cell.Mailbox.Prepend(all);
    }

    public void UnstashAll(Func<Envelope, bool> predicate)
    {
        var selected = new List<Envelope>();
        var kept = new List<Envelope>();
        foreach (var e in _stashed)
        {
            (predicate(e) ? selected : kept).Add(e);
        }

        _stashed.Clear();
        _stashed.AddRange(kept);
        cell.Mailbox.Prepend(selected);
    }

    public IReadOnlyList<Envelope> ClearStash()
    {
        var all = _stashed.ToList();
        _stashed.Clear();
        return all;
    }
}
