namespace AkkaCompute.Actors;

internal sealed partial class ActorCell
{
    private static readonly object NameReserved = new();

    // name -> LocalActorRef (live child) or NameReserved (ActorOf in progress). Created once, then
    // read and written under its own lock, since ActorOf and selections may run on any thread.
    private Dictionary<string, object>? _children;
    private long _nameSequence;

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
            WithChildren(map => map[name] = child);
            child.Cell.Start();
            return child;
        }
        catch
        {
            WithChildren(map => map.Remove(name));
            throw;
        }
    }

    public IReadOnlyCollection<IActorRef> GetChildren()
    {
        var map = Volatile.Read(ref _children);
        if (map is null)
        {
            return [];
        }

        lock (map)
        {
            return map.Count == 0 ? [] : map.Values.OfType<LocalActorRef>().ToArray();
        }
    }

    public IActorRef? Child(string name) => GetChildByName(name);

    public LocalActorRef? GetChildByName(string name)
    {
        var map = Volatile.Read(ref _children);
        if (map is null)
        {
            return null;
        }

        lock (map)
        {
            return map.TryGetValue(name, out var c) ? c as LocalActorRef : null;
        }
    }

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
        var all = Extras.RestartStats ??= [];
        if (!all.TryGetValue(child, out var stats))
        {
            stats = new ChildRestartStats(child);
            all[child] = stats;
        }

        return stats;
    }

    internal IEnumerable<ChildRestartStats> AllChildStats() =>
        GetChildren().Cast<ActorRefBase>().Select(StatsFor);

    private bool IsChild(ActorRefBase child) => ReferenceEquals(GetChildByName(child.Path.Name), child);

    private bool RemoveChild(ActorRefBase child)
    {
        var removed = false;
        WithChildren(map =>
        {
            if (map.TryGetValue(child.Path.Name, out var c) && ReferenceEquals(c, child))
            {
                map.Remove(child.Path.Name);
                removed = true;
            }
        });
        if (removed)
        {
            _extras?.RestartStats?.Remove(child);
            _extras?.StoppingChildren?.Remove(child);
        }

        return removed;
    }

    private bool HasStoppingChildren => _extras?.StoppingChildren is { Count: > 0 };

    private void ReserveName(string name) =>
        WithChildren(map =>
        {
            if (!map.TryAdd(name, NameReserved))
            {
                throw new InvalidActorNameException($"actor name [{name}] is not unique under {SelfRef.Path}");
            }
        });

    private void WithChildren(Action<Dictionary<string, object>> update)
    {
        var map = Volatile.Read(ref _children);
        if (map is null)
        {
            Interlocked.CompareExchange(ref _children, new Dictionary<string, object>(StringComparer.Ordinal), null);
            map = _children!;
        }

        lock (map)
        {
            update(map);
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
