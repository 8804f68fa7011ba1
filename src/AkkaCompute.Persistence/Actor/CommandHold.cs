using System.Runtime.CompilerServices;
using AkkaCompute.Actors;

namespace AkkaCompute.Persistence;

/// <summary>A held command sent back to the actor itself, with its original sender, when the hold releases it.</summary>
internal sealed record HeldCommand(long Id, object Message);

/// <summary>
/// Holds the commands a persistent actor may not process yet (while it recovers or waits for a <c>Persist</c>) and gives
/// them back in arrival order (Akka's internal stash). A released command is sent to the actor again, wrapped in
/// <see cref="HeldCommand"/> with its original sender, so Sender and Forward stay right. Commands are released one at a
/// time, as Akka unstashes one per completed Persist: a backlog of n commands that each persist costs O(n) messages,
/// not O(n²). While a released command is on its way back, newer commands are held too; if it meets a new block it is
/// held again ahead of them. Commands the user stashed and unstashed (see <see cref="UserStash"/>) go first, as the user
/// put them at the front of the mailbox. One hold serves every incarnation of an actor, so held commands survive a
/// restart. Used only on the actor's turn; not thread-safe.
/// </summary>
internal sealed class CommandHold
{
    private static readonly ConditionalWeakTable<IActorRef, CommandHold> Holds = new();

    private readonly LinkedList<Envelope> _first = new();
    private readonly Queue<Envelope> _arrived = new();
    private readonly HashSet<long> _inFlight = [];
    private readonly Dictionary<object, int> _userStashed = new(ReferenceEqualityComparer.Instance);
    private long _nextId;

    /// <summary>Commands held now.</summary>
    public int Count => _first.Count + _arrived.Count;

    /// <summary>Released commands not yet back.</summary>
    public int InFlightCount => _inFlight.Count;

    /// <summary>The hold shared by every incarnation of the actor <paramref name="self"/>.</summary>
    public static CommandHold For(IActorRef self) => Holds.GetValue(self, static _ => new CommandHold());

    /// <summary>
    /// Takes a message that arrived (a new command, a <see cref="HeldCommand"/> coming back, or a command the user
    /// unstashed). Returns the command to process now, or null when it is held.
    /// </summary>
    /// <param name="message">The message as received.</param>
    /// <param name="sender">Its sender.</param>
    /// <param name="blocked">Whether the actor may not process commands now.</param>
    public object? Accept(object message, IActorRef sender, bool blocked) => Accept(message, sender, blocked, int.MaxValue, out _);

    /// <summary>
    /// As <see cref="Accept(object, IActorRef, bool)"/>, with a limit: a new command that would make the hold exceed
    /// <paramref name="capacity"/> is neither held nor returned, and <paramref name="overflowed"/> is set (the caller
    /// dead-letters it). Released and user-unstashed commands are always taken back.
    /// </summary>
    public object? Accept(object message, IActorRef sender, bool blocked, int capacity, out bool overflowed)
    {
        overflowed = false;
        if (ForgetUserStashed(message))
        {
            // The user unstashed it to the front of the mailbox: next, or first among the held once unblocked.
            var command = message is HeldCommand wrapped ? wrapped.Message : message;
            if (blocked)
            {
                _first.AddLast(new Envelope(command, sender));
                return null;
            }

            return command;
        }

        if (message is HeldCommand held)
        {
            if (_inFlight.Remove(held.Id))
            {
                // Released from the front of the hold, so older than anything held now.
                if (blocked)
                {
                    _first.AddFirst(new Envelope(held.Message, sender));
                    return null;
                }

                return held.Message;
            }

            message = held.Message; // a wrapper that is no longer tracked: a new arrival
        }

        if (blocked || _inFlight.Count > 0 || Count > 0)
        {
            if (Count >= capacity)
            {
                overflowed = true;
                return null;
            }

            _arrived.Enqueue(new Envelope(message, sender));
            return null;
        }

        return message;
    }

    /// <summary>
    /// When not blocked and no released command is on its way back, sends the oldest held command to <paramref name="self"/>.
    /// </summary>
    /// <returns>Whether a command was released.</returns>
    public bool Release(IActorRef self, bool blocked)
    {
        if (blocked || _inFlight.Count > 0 || Count == 0)
        {
            return false;
        }

        Envelope next;
        if (_first.First is { } head)
        {
            next = head.Value;
            _first.RemoveFirst();
        }
        else
        {
            next = _arrived.Dequeue();
        }

        var id = ++_nextId;
        _inFlight.Add(id);
        self.Tell(new HeldCommand(id, next.Message), next.Sender);
        return true;
    }

    /// <summary>Records that the user stashed <paramref name="message"/> (the object as received), so that it keeps its priority when unstashed.</summary>
    public void RememberUserStashed(object message) =>
        _userStashed[message] = _userStashed.GetValueOrDefault(message) + 1;

    /// <summary>Forgets one user-stashed occurrence of <paramref name="message"/>; true when it was known.</summary>
    public bool ForgetUserStashed(object message)
    {
        if (!_userStashed.TryGetValue(message, out var count))
        {
            return false;
        }

        if (count == 1)
        {
            _userStashed.Remove(message);
        }
        else
        {
            _userStashed[message] = count - 1;
        }

        return true;
    }

    /// <summary>Removes and returns every held command, oldest first (the actor is stopping).</summary>
    public IReadOnlyList<Envelope> Drain()
    {
        var all = _first.Concat(_arrived).ToList();
        _first.Clear();
        _arrived.Clear();
        return all;
    }
}
