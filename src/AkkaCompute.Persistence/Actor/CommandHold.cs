using System.Runtime.CompilerServices;
using AkkaCompute.Actors;

namespace AkkaCompute.Persistence;

/// <summary>A held command sent back to the actor itself, with its original sender, when the hold is released.</summary>
internal sealed record HeldCommand(long Id, object Message);

/// <summary>
/// Holds the commands a persistent actor may not process yet (while it recovers or waits for a <c>Persist</c>), and gives
/// them back in arrival order (Akka's internal stash). Released commands are sent to the actor again, wrapped in
/// <see cref="HeldCommand"/> with their original sender, so Sender and Forward stay right. Until every released command
/// came back, newer commands are held too, and released commands that meet a new block are held again ahead of newer
/// ones. One hold serves every incarnation of an actor (it survives restarts), so held commands are not lost when the
/// actor restarts. Used only on the actor's turn; not thread-safe.
/// </summary>
internal sealed class CommandHold
{
    private static readonly ConditionalWeakTable<IActorRef, CommandHold> Holds = new();

    private readonly List<Envelope> _held = [];
    private readonly HashSet<long> _inFlight = [];
    private int _returned;
    private long _nextId;

    /// <summary>Commands held now.</summary>
    public int Count => _held.Count;

    /// <summary>Released commands not yet back.</summary>
    public int InFlightCount => _inFlight.Count;

    /// <summary>The hold shared by every incarnation of the actor <paramref name="self"/>.</summary>
    public static CommandHold For(IActorRef self) => Holds.GetValue(self, static _ => new CommandHold());

    /// <summary>
    /// Takes a message that arrived (a new command, or a <see cref="HeldCommand"/> coming back). Returns the command to
    /// process now, or null when it is held.
    /// </summary>
    /// <param name="message">The message as received.</param>
    /// <param name="sender">Its sender.</param>
    /// <param name="blocked">Whether the actor may not process commands now.</param>
    public object? Accept(object message, IActorRef sender, bool blocked)
    {
        if (message is HeldCommand held)
        {
            if (_inFlight.Remove(held.Id))
            {
                if (blocked || _returned > 0)
                {
                    _held.Insert(_returned++, new Envelope(held.Message, sender));
                    return null;
                }

                return held.Message;
            }

            message = held.Message; // stashed by the user and unstashed: a new arrival
        }

        if (blocked || _inFlight.Count > 0 || _held.Count > 0)
        {
            _held.Add(new Envelope(message, sender));
            return null;
        }

        return message;
    }

    /// <summary>
    /// When not blocked and every released command came back, sends the held commands to <paramref name="self"/> in order.
    /// </summary>
    /// <returns>How many were released.</returns>
    public int Release(IActorRef self, bool blocked)
    {
        if (blocked || _inFlight.Count > 0 || _held.Count == 0)
        {
            return 0;
        }

        var count = _held.Count;
        foreach (var e in _held)
        {
            var id = ++_nextId;
            _inFlight.Add(id);
            self.Tell(new HeldCommand(id, e.Message), e.Sender);
        }

        _held.Clear();
        _returned = 0;
        return count;
    }

    /// <summary>Removes and returns every held command (the actor is stopping).</summary>
    public IReadOnlyList<Envelope> Drain()
    {
        var all = _held.ToList();
        _held.Clear();
        _returned = 0;
        return all;
    }
}
