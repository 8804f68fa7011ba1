namespace AkkaCompute.Actors.Event;

/// <summary>
/// The system's publish-subscribe bus (Akka's EventStream). A subscriber to a type receives every
/// published event assignable to it. Subscribers that have stopped are dropped at the next publish.
/// </summary>
public sealed class EventStream
{
    private volatile Subscription[] _subscriptions = [];
    private readonly Lock _lock = new();

    /// <summary>Subscribes <paramref name="subscriber"/> to events assignable to <paramref name="channel"/>.</summary>
    /// <returns>False when the subscription already existed.</returns>
    public bool Subscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        lock (_lock)
        {
            if (_subscriptions.Any(s => s.Subscriber.Equals(subscriber) && s.Channel == channel))
            {
                return false;
            }

            _subscriptions = [.. _subscriptions, new Subscription(subscriber, channel)];
            return true;
        }
    }

    /// <summary>Removes the subscriptions of <paramref name="subscriber"/> to <paramref name="channel"/> (to every channel when null).</summary>
    /// <returns>True when a subscription was removed.</returns>
    public bool Unsubscribe(IActorRef subscriber, Type? channel = null)
    {
        lock (_lock)
        {
            var before = _subscriptions.Length;
            _subscriptions = _subscriptions.Where(s => !(s.Subscriber.Equals(subscriber) && (channel is null || s.Channel == channel))).ToArray();
            return _subscriptions.Length != before;
        }
    }

    /// <summary>Delivers <paramref name="event"/> to every subscriber of a matching type.</summary>
    public void Publish(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var type = @event.GetType();
        var dead = false;
        foreach (var s in _subscriptions)
        {
            if (!s.Channel.IsAssignableFrom(type))
            {
                continue;
            }

            if (s.Subscriber is ActorRefBase { IsTerminated: true })
            {
                dead = true;
                continue;
            }

            s.Subscriber.Tell(@event, ActorRefs.NoSender);
        }

        if (dead)
        {
            lock (_lock)
            {
                _subscriptions = _subscriptions.Where(s => s.Subscriber is not ActorRefBase { IsTerminated: true }).ToArray();
            }
        }
    }

    private sealed record Subscription(IActorRef Subscriber, Type Channel);
}
