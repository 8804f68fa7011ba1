namespace AkkaCompute.Actors;

/// <summary>Marker for messages the runtime handles itself before the actor's behaviour sees them.</summary>
public interface IAutoReceivedMessage;

/// <summary>Marker for messages that do not reset the receive timeout (see <see cref="IActorContext.SetReceiveTimeout"/>).</summary>
public interface INotInfluenceReceiveTimeout;

/// <summary>
/// Stops the receiving actor after it has processed every message queued before this one.
/// Messages behind it go to dead letters.
/// </summary>
public sealed class PoisonPill : IAutoReceivedMessage
{
    private PoisonPill() { }

    /// <summary>The singleton instance.</summary>
    public static PoisonPill Instance { get; } = new();

    /// <inheritdoc />
    public override string ToString() => "<PoisonPill>";
}

/// <summary>
/// Makes the receiving actor throw <see cref="ActorKilledException"/>, so that its supervisor
/// decides what happens (the default strategy stops it).
/// </summary>
public sealed class Kill : IAutoReceivedMessage
{
    private Kill() { }

    /// <summary>The singleton instance.</summary>
    public static Kill Instance { get; } = new();

    /// <inheritdoc />
    public override string ToString() => "<Kill>";
}

/// <summary>Asks any actor for its reference; it answers with <see cref="ActorIdentity"/> automatically.</summary>
/// <param name="MessageId">Correlation id returned in the answer.</param>
public sealed record Identify(object? MessageId) : IAutoReceivedMessage;

/// <summary>The answer to <see cref="Identify"/>.</summary>
/// <param name="MessageId">The correlation id of the request.</param>
/// <param name="Subject">The actor, or null when no actor lives at the selected path.</param>
public sealed record ActorIdentity(object? MessageId, IActorRef? Subject);

/// <summary>
/// Sent to a watcher (see <see cref="IActorContext.Watch"/>) exactly once when the watched actor stops.
/// An actor that does not handle it fails with <see cref="DeathPactException"/>.
/// </summary>
/// <param name="ActorRef">The actor that stopped.</param>
/// <param name="ExistenceConfirmed">False when the actor was unknown at the time of the watch.</param>
/// <param name="AddressTerminated">True when the notification comes from the failure of its whole node.</param>
public sealed record Terminated(IActorRef ActorRef, bool ExistenceConfirmed = true, bool AddressTerminated = false) : IAutoReceivedMessage, INotInfluenceReceiveTimeout;

/// <summary>Sent to an actor that received no message for the period given to <see cref="IActorContext.SetReceiveTimeout"/>.</summary>
public sealed class ReceiveTimeout : IAutoReceivedMessage, INotInfluenceReceiveTimeout
{
    private ReceiveTimeout() { }

    /// <summary>The singleton instance.</summary>
    public static ReceiveTimeout Instance { get; } = new();

    /// <inheritdoc />
    public override string ToString() => "<ReceiveTimeout>";
}

/// <summary>Outcome messages, as in Akka: a reply that carries success or failure.</summary>
public static class Status
{
    /// <summary>A successful outcome carrying <paramref name="Status"/>.</summary>
    public sealed record Success(object? Status);

    /// <summary>A failed outcome; <see cref="ActorRefExtensions.Ask{T}"/> rethrows <paramref name="Cause"/>.</summary>
    public sealed record Failure(Exception Cause);
}

/// <summary>A message that could not be delivered, published on the event stream.</summary>
/// <param name="Message">The message.</param>
/// <param name="Sender">Who sent it (may be <see cref="ActorRefs.NoSender"/>).</param>
/// <param name="Recipient">Who it was sent to.</param>
/// <param name="Reason">Why it was not delivered, e.g. <c>recipient terminated</c> or <c>mailbox full (capacity 100)</c>.</param>
public sealed record DeadLetter(object Message, IActorRef Sender, IActorRef Recipient, string Reason)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"Message [{Message.GetType().Name}] from {Sender} to {Recipient} was not delivered: {Reason}";
}

/// <summary>A message an actor did not handle, published on the event stream.</summary>
/// <param name="Message">The message.</param>
/// <param name="Sender">Who sent it.</param>
/// <param name="Recipient">The actor that did not handle it.</param>
public sealed record UnhandledMessage(object Message, IActorRef Sender, IActorRef Recipient);

/// <summary>A completion token, used by APIs that return "done" without a value.</summary>
public sealed class Done
{
    private Done() { }

    /// <summary>The singleton instance.</summary>
    public static Done Instance { get; } = new();
}
