using System.Collections.Immutable;

namespace AkkaCompute.Actors;

internal sealed partial class ActorCell
{
    private static readonly object NameReserved = new();

    // name -> LocalActorRef (live child) or NameReserved (ActorOf in progress). Swapped by CAS.
    private ImmutableDictionary<string, object>? _children;
    private long _nameSequence;
    private Dictionary<ActorRefBase, ChildRestartStats>? _restartStats;

    public IActorRef ActorOf(Props props, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(props);
        if (name is null)
        {
            name = NextName();
        }
        else
        {
            ValidateName(name);
        }

        if (IsTerminating)
        {
            throw new IllegalActorStateException($"cannot create child '{name}': {SelfRef} is stopping");
        }

        ReserveName(name);
        try
        {
            var child = SystemImpl.CreateActor(props, this, SelfRef.Path / name);
            SwapChildren(map => map.SetItem(name, child));
            child.Cell.Start();
            return child;
        }
        catch
        {
            SwapChildren(map => map.Remove(name));
            throw;
        }
    }

    public IReadOnlyCollection<IActorRef> GetChildren()
    {
        var map = Volatile.Read(ref _children);
        if (map is null || map.IsEmpty)
        {
            return [];
        }

        return map.Values.OfType<LocalActorRef>().ToArray();
    }

    public IActorRef? Child(string name) => GetChildByName(name);

    public LocalActorRef? GetChildByName(string name) =>
        Volatile.Read(ref _children) is { } map && map.TryGetValue(name, out var c) ? c as LocalActorRef : null;

    public void Stop(IActorRef actor)
    {
        if (actor.Equals(SelfRef))
        {
            SendSystemMessage(new Terminate());
            return;
        }

        if (actor is LocalActorRef child && IsChild(child))
        {
            (Extras.StoppingChildren ??= []).Add(child);
        }

        if (actor is ActorRefBase r)
        {
            r.Stop();
        }
    }

    public ActorSelection ActorSelection(string path) => SystemImpl.SelectFrom(SelfRef, path);

    internal ChildRestartStats StatsFor(ActorRefBase child)
    {
        _restartStats ??= [];
        if (!_restartStats.TryGetValue(child, out var stats))
        {
            stats = new ChildRestartStats(child);
            _restartStats[child] = stats;
        }

        return stats;
    }

    internal IEnumerable<ChildRestartStats> AllChildStats() =>
        GetChildren().Cast<ActorRefBase>().Select(StatsFor);

    private bool IsChild(ActorRefBase child) =>
        Volatile.Read(ref _children) is { } map && map.TryGetValue(child.Path.Name, out var c) && ReferenceEquals(c, child);

    private bool RemoveChild(ActorRefBase child)
    {
        if (!IsChild(child))
        {
            return false;
        }

        SwapChildren(map => map.TryGetValue(child.Path.Name, out var c) && ReferenceEquals(c, child) ? map.Remove(child.Path.Name) : map);
        _restartStats?.Remove(child);
        _extras?.StoppingChildren?.Remove(child);
        return true;
    }

    private bool HasStoppingChildren => _extras?.StoppingChildren is { Count: > 0 };

    private void ReserveName(string name)
    {
        while (true)
        {
            var map = Volatile.Read(ref _children);
            var current = map ?? ImmutableDictionary<string, object>.Empty.WithComparers(StringComparer.Ordinal);
            if (current.ContainsKey(name))
            {
                throw new InvalidActorNameException($"actor name [{name}] is not unique under {SelfRef.Path}");
            }

            if (Interlocked.CompareExchange(ref _children, current.Add(name, NameReserved), map) == map)
            {
                return;
            }
        }
    }

    private void SwapChildren(Func<ImmutableDictionary<string, object>, ImmutableDictionary<string, object>> update)
    {
        while (true)
        {
            var map = Volatile.Read(ref _children);
            var current = map ?? ImmutableDictionary<string, object>.Empty.WithComparers(StringComparer.Ordinal);
            var next = update(current);
            if (Interlocked.CompareExchange(ref _children, next.IsEmpty ? null : next, map) == map)
            {
                return;
            }
        }
    }

    private string NextName()
    {
        // Akka-style short generated names: $a, $b, ..., $ba, ... (base 26 over the sequence).
        var n = Interlocked.Increment(ref _nameSequence) - 1;
        Span<char> buffer = stackalloc char[16];
        var i = buffer.Length;
        do
        {
            buffer[--i] = (char)('a' + (n % 26));
            n /= 26;
        }
        while (n > 0);
        buffer[--i] = '$';
        return new string(buffer[i..]);
    }

    private static void ValidateName(string name)
    {
        if (name.Length == 0)
        {
            throw new InvalidActorNameException("actor name must not be empty");
        }

        if (name[0] == '$')
        {
            throw new InvalidActorNameException($"actor name [{name}] must not start with '$' (reserved for generated names)");
        }

        foreach (var ch in name)
        {
            if (ch == '/' || ch == '#' || char.IsWhiteSpace(ch) || char.IsControl(ch))
            {
                throw new InvalidActorNameException($"actor name [{name}] contains the illegal character '{ch}'");
            }
        }
    }
}
