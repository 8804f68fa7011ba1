using AkkaCompute.Actors;

namespace AkkaCompute.Persistence;

/// <summary>
/// The stash a persistent actor's code sees: the runtime's stash, plus a note in the actor's <see cref="CommandHold"/> of
/// each stashed message, so that an unstashed message is processed before commands the hold keeps or has in flight
/// (as Akka's unstash puts it at the front of the mailbox).
/// </summary>
internal sealed class UserStash(IStash inner, CommandHold hold, Func<object?> currentMessage) : IStash
{
    public int Count => inner.Count;

    public int Capacity => inner.Capacity;

    /// <exception cref="IllegalActorStateException">Called outside a command handler (in a persist or recovery handler), or the runtime's stash refused.</exception>
    public void Stash()
    {
        var message = currentMessage();
        if (message is null or PersistenceProtocol)
        {
            throw new IllegalActorStateException("a persistent actor can stash only in a command handler, not in a persist, defer or recovery handler");
        }

        inner.Stash();
        hold.RememberUserStashed(message);
    }

    public void Unstash() => inner.Unstash();

    public void UnstashAll() => inner.UnstashAll();

    public void UnstashAll(Func<Envelope, bool> predicate) => inner.UnstashAll(predicate);

    public IReadOnlyList<Envelope> ClearStash()
    {
        var cleared = inner.ClearStash();
        var result = new Envelope[cleared.Count];
        for (var i = 0; i < cleared.Count; i++)
        {
            var e = cleared[i];
            hold.ForgetUserStashed(e.Message);
            result[i] = e.Message is HeldCommand held ? e with { Message = held.Message } : e;
        }

        return result;
    }
}
