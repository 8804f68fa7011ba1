namespace AkkaCompute.Actors;

/// <summary>A message together with its sender, as queued in a mailbox.</summary>
/// <param name="Message">The message.</param>
/// <param name="Sender">The sender (never null; <see cref="ActorRefs.NoSender"/> when none).</param>
public readonly record struct Envelope(object Message, IActorRef Sender);
