using AkkaCompute.Actors;

namespace AkkaCompute.Remote;

/// <summary>Serialized paths to refs and back (Akka's ResolveActorRef / SerializedActorPath).</summary>
internal sealed partial class RemoteTransport
{
    private static readonly string NobodyPath = Nobody.Instance.Path.ToString();

    /// <summary>
    /// The wire form of <paramref name="actorRef"/>: a local ref gets this system's network address
    /// (<c>akc.tcp://sys@host:port/user/a#uid</c>); an Ask's temporary ref is registered so that replies find it.
    /// </summary>
    public string ToSerializationFormat(IActorRef actorRef)
    {
        switch (actorRef)
        {
            case null or Nobody:
                return NobodyPath;
            case RemoteActorRef remote:
                return remote.Path.ToSerializationFormat();
        }

        var path = actorRef.Path;
        if (!path.Address.Equals(System.Address))
        {
            return path.ToSerializationFormat();
        }

        if (actorRef is ActorRefBase { TemporaryCompletion: { } completion } temp && path.Elements is ["temp", var name])
        {
            RegisterTemp(name, temp, completion);
        }

        var text = Address + path.ToStringWithoutAddress();
        return path.Uid == ActorPath.UndefinedUid ? text : text + "#" + path.Uid.ToString(global::System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Resolves a serialized path: this system's paths to local refs (dead letters when missing), others to <see cref="RemoteActorRef"/>.</summary>
    public IActorRef ResolveActorRef(string path)
    {
        if (_refCache.TryGetValue(path, out var cached) && cached is not ActorRefBase { IsTerminated: true })
        {
            return cached;
        }

        if (path == NobodyPath)
        {
            return Nobody.Instance;
        }

        if (!ActorPath.TryParse(path, out var parsed))
        {
            return System.DeadLetters;
        }

        if (IsLocal(parsed.Address))
        {
            return ResolveLocal(parsed) ?? (IActorRef)System.DeadLetters;
        }

        var remote = new RemoteActorRef(this, parsed);
        if (parsed.Elements is ["temp", _])
        {
            return remote; // an Ask's reply target is used once: caching it would only churn the cache
        }

        if (_refCache.Count >= RefCacheLimit)
        {
            _refCache.Clear();
        }

        _refCache[path] = remote;
        return remote;
    }

    /// <summary>True for this system's local or network address.</summary>
    public bool IsLocal(Address address) => address.Equals(Address) || address.Equals(System.Address);

    /// <summary>The live local actor at <paramref name="path"/> (uid checked when given), or null.</summary>
    public ActorRefBase? ResolveLocal(ActorPath path)
    {
        var elements = path.Elements;
        if (elements is ["temp", var tempName])
        {
            return _temp.TryGetValue(tempName, out var t) && !t.IsTerminated ? t : null;
        }

        if (elements is ["deadLetters"])
        {
            return System.DeadLetterRef;
        }

        ActorRefBase current = System.RootCell.SelfRef;
        foreach (var element in elements)
        {
            var child = current.GetChild(element);
            if (child is null)
            {
                return null;
            }

            current = child;
        }

        if (current.IsTerminated || (path.Uid != ActorPath.UndefinedUid && current.Path.Uid != path.Uid))
        {
            return null;
        }

        return current;
    }

    private void RegisterTemp(string name, ActorRefBase temp, Task completion)
    {
        if (_temp.TryAdd(name, temp))
        {
            var temps = _temp;
            completion.ContinueWith(_ => temps.TryRemove(name, out ActorRefBase? _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }
}
