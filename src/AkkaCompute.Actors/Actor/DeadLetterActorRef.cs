using Microsoft.Extensions.Logging;

namespace AkkaCompute.Actors;

/// <summary>
/// <c>/deadLetters</c>: counts every undeliverable message, logs the first
/// <see cref="ActorSystemSettings.LogDeadLetters"/> of them with sender, recipient and reason, and
/// publishes each as <see cref="DeadLetter"/>. An Ask whose message died fails at once.
/// </summary>
internal sealed class DeadLetterActorRef(ActorSystemImpl system, ActorPath path) : MinimalActorRef
{
    private long _count;

    public override ActorPath Path => path;

    public long Count => Interlocked.Read(ref _count);

    public override void Tell(object message, IActorRef sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        Deliver(message as DeadLetter ?? new DeadLetter(message, sender ?? ActorRefs.NoSender, this, "sent to deadLetters"));
    }

    public void Deliver(DeadLetter letter)
    {
        var n = Interlocked.Increment(ref _count);
        if (letter.Sender is PromiseActorRef promise)
        {
            promise.Fail(new AskTimeoutException($"Recipient {letter.Recipient} did not receive the message: {letter.Reason}"));
        }

        var max = system.Settings.LogDeadLetters;
        if (n <= max)
        {
            system.Log.LogInformation("Dead letter {Count}: message [{MessageType}] from {Sender} to {Recipient} was not delivered: {Reason}", n, letter.Message.GetType().Name, letter.Sender, letter.Recipient, letter.Reason);
            if (n == max)
            {
                system.Log.LogInformation("Logged {Max} dead letters; further dead letters are counted but not logged (actor.log-dead-letters)", max);
            }
        }

        system.EventStream.Publish(letter);
    }

    internal override void SendSystemMessage(SystemMessage message)
    {
        if (message is Watch w)
        {
            w.Watcher.SendSystemMessage(new DeathWatchNotification(w.Watchee, ExistenceConfirmed: false, AddressTerminated: false));
        }
    }
}
