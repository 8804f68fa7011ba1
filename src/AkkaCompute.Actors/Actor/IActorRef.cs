namespace AkkaCompute.Actors;

/// <summary>
/// An immutable, thread-safe handle to an actor, as in Akka.NET. Messages sent with
/// <see cref="Tell"/> are queued in the actor's mailbox; a message to a stopped actor goes to
/// dead letters and never throws at the sender.
/// </summary>
public interface IActorRef : IEquatable<IActorRef>, IComparable<IActorRef>
{
    /// <summary>The actor's path, carrying its incarnation uid.</summary>
    ActorPath Path { get; }

    /// <summary>Sends <paramref name="message"/> asynchronously; the recipient sees <paramref name="sender"/> as Sender.</summary>
    /// <param name="message">Any non-null message; messages should be immutable.</param>
    /// <param name="sender">The sender to reply to, or <see cref="ActorRefs.NoSender"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is null.</exception>
    void Tell(object message, IActorRef sender);
}

/// <summary>Well-known references.</summary>
public static class ActorRefs
{
    /// <summary>The sender to use when there is nobody to reply to; replies to it are dropped.</summary>
    public static IActorRef NoSender => AkkaCompute.Actors.Nobody.Instance;

    /// <summary>A reference that ignores every message.</summary>
    public static IActorRef Nobody => AkkaCompute.Actors.Nobody.Instance;
}

/// <summary>
/// Base class of every actor reference: equality is path plus incarnation uid.
/// </summary>
public abstract class ActorRefBase : IActorRef
{
    /// <inheritdoc />
    public abstract ActorPath Path { get; }

    /// <inheritdoc />
    public abstract void Tell(object message, IActorRef sender);

    internal abstract void SendSystemMessage(SystemMessage message);

    /// <summary>True once the actor behind this reference has stopped (always false for remote or virtual refs).</summary>
    public virtual bool IsTerminated => false;

    internal virtual void Stop()
    {
    }

    internal virtual ActorRefBase? GetChild(string name) => null;

    internal virtual ActorSystemImpl? SystemImpl => null;

    /// <summary>For a temporary ref (an Ask's reply target): a task that completes when it is done; null otherwise.</summary>
    internal virtual Task? TemporaryCompletion => null;

    /// <inheritdoc />
    public bool Equals(IActorRef? other) =>
        other is not null && Path.Uid == other.Path.Uid && Path.Equals(other.Path);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is IActorRef r && Equals(r);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Path.GetHashCode(), Path.Uid);

    /// <summary>Orders by path, then uid.</summary>
    public int CompareTo(IActorRef? other)
    {
        if (other is null)
        {
            return 1;
        }

        var c = Path.CompareTo(other.Path);
        return c != 0 ? c : Path.Uid.CompareTo(other.Path.Uid);
    }

    /// <summary>The path with its uid, e.g. <c>[akc://sys/user/a#12345]</c>.</summary>
    public override string ToString() => $"[{Path.ToSerializationFormat()}]";
}

/// <summary>A reference without a mailbox: its Tell handles the message directly.</summary>
public abstract class MinimalActorRef : ActorRefBase
{
    internal override void SendSystemMessage(SystemMessage message)
    {
    }
}

/// <summary>The reference that ignores every message (Akka's Nobody); also <see cref="ActorRefs.NoSender"/>.</summary>
public sealed class Nobody : MinimalActorRef
{
    private static readonly ActorPath NobodyPath = new RootActorPath(new Address("akc", "all-systems")) / "Nobody";

    private Nobody() { }

    /// <summary>The singleton instance.</summary>
    public static Nobody Instance { get; } = new();

    /// <inheritdoc />
    public override ActorPath Path => NobodyPath;

    /// <inheritdoc />
    public override void Tell(object message, IActorRef sender)
    {
    }

    internal override void SendSystemMessage(SystemMessage message)
    {
        if (message is Watch w)
        {
            w.Watcher.SendSystemMessage(new DeathWatchNotification(this, ExistenceConfirmed: false, AddressTerminated: false));
        }
    }
}
