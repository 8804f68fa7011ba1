using AkkaCompute.Actors;

namespace AkkaCompute.Remote;

/// <summary>Published on the <see cref="Actors.Event.EventStream"/> when an association changes state (Akka's RemotingLifecycleEvent).</summary>
public abstract record RemotingLifecycleEvent;

/// <summary>An outbound association completed its handshake with <paramref name="RemoteAddress"/> (incarnation <paramref name="RemoteUid"/>).</summary>
/// <param name="LocalAddress">This system's address.</param>
/// <param name="RemoteAddress">The peer's address.</param>
/// <param name="RemoteUid">The peer's incarnation uid.</param>
public sealed record AssociatedEvent(Address LocalAddress, Address RemoteAddress, long RemoteUid) : RemotingLifecycleEvent;

/// <summary>An association with <paramref name="RemoteAddress"/> was lost or closed; messages queue until it reconnects.</summary>
/// <param name="LocalAddress">This system's address.</param>
/// <param name="RemoteAddress">The peer's address.</param>
/// <param name="Reason">Why, e.g. "connection reset" or "peer shut down".</param>
public sealed record DisassociatedEvent(Address LocalAddress, Address RemoteAddress, string Reason) : RemotingLifecycleEvent;

/// <summary>A handshake with <paramref name="RemoteAddress"/> was refused (by either side) or failed.</summary>
/// <param name="LocalAddress">This system's address.</param>
/// <param name="RemoteAddress">The peer's address, or its endpoint when it never named one.</param>
/// <param name="Reason">The refusal reason as logged, e.g. "cluster id mismatch: expected 'a', got 'b'".</param>
public sealed record AssociationErrorEvent(Address LocalAddress, Address RemoteAddress, string Reason) : RemotingLifecycleEvent;

/// <summary>
/// The incarnation <paramref name="RemoteUid"/> of <paramref name="RemoteAddress"/> is quarantined: it restarted with a new uid or
/// was declared failed. It is never associated with again; watchers of its actors got <see cref="Terminated"/>.
/// </summary>
/// <param name="RemoteAddress">The peer's address.</param>
/// <param name="RemoteUid">The quarantined incarnation uid.</param>
/// <param name="Reason">Why, e.g. "restarted with a new uid".</param>
public sealed record QuarantinedEvent(Address RemoteAddress, long RemoteUid, string Reason) : RemotingLifecycleEvent;
