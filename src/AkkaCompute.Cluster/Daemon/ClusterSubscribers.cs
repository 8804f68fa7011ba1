using AkkaCompute.Actors;

namespace AkkaCompute.Cluster.Daemon;

/// <summary>
/// The daemon's subscribers and the event types each wants (Akka's <c>ClusterDomainEventPublisher</c> bookkeeping). A subscriber
/// receives an event when the event is an instance of one of its types (so <c>typeof(MemberEvent)</c> covers every member
/// event). Not thread-safe: used only by the daemon. At most <see cref="MaxSubscribers"/> subscribers.
/// </summary>
internal sealed class ClusterSubscribers
{
    /// <summary>Most subscribers at once (10,000); a subscription beyond it is refused.</summary>
    public const int MaxSubscribers = 10_000;

    private readonly Dictionary<IActorRef, HashSet<Type>> _subscriptions = [];

    /// <summary>The number of subscribers.</summary>
    public int Count => _subscriptions.Count;

    /// <summary>Adds <paramref name="types"/> to the subscriber's; returns false (and adds nothing) when the table is full.</summary>
    public bool Add(IActorRef subscriber, IEnumerable<Type> types)
    {
        if (!_subscriptions.TryGetValue(subscriber, out var set))
        {
            if (_subscriptions.Count >= MaxSubscribers)
            {
                return false;
            }

            _subscriptions[subscriber] = set = [];
        }

        set.UnionWith(types);
        return true;
    }

    /// <summary>Removes one type, or every type when <paramref name="type"/> is null; true when the subscriber has none left.</summary>
    public bool Remove(IActorRef subscriber, Type? type)
    {
        if (!_subscriptions.TryGetValue(subscriber, out var set))
        {
            return true;
        }

        if (type is not null)
        {
            set.Remove(type);
        }

        if (type is null || set.Count == 0)
        {
            _subscriptions.Remove(subscriber);
            return true;
        }

        return false;
    }

    /// <summary>True when <paramref name="types"/> include a type <paramref name="event"/> is an instance of.</summary>
    public static bool Wants(IEnumerable<Type> types, object @event) => types.Any(t => t.IsInstanceOfType(@event));

    /// <summary>Sends each event to every subscriber that wants it, in order.</summary>
    public void Publish(IReadOnlyList<ClusterEvent> events, IActorRef sender)
    {
        if (events.Count == 0 || _subscriptions.Count == 0)
        {
            return;
        }

        foreach (var e in events)
        {
            foreach (var (subscriber, types) in _subscriptions)
            {
                if (Wants(types, e))
                {
                    subscriber.Tell(e, sender);
                }
            }
        }
    }
}
