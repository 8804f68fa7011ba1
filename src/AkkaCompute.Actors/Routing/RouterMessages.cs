namespace AkkaCompute.Actors.Routing;

/// <summary>Wraps a message that a router sends to every routee, whatever its logic.</summary>
/// <param name="Message">The message.</param>
public sealed record Broadcast(object Message);

/// <summary>Asks a router for its routees; it replies with <see cref="Routees"/>.</summary>
public sealed class GetRoutees
{
    private GetRoutees() { }

    /// <summary>The singleton instance.</summary>
    public static GetRoutees Instance { get; } = new();
}

/// <summary>The reply to <see cref="GetRoutees"/>.</summary>
/// <param name="Members">The routees' references (for groups, their paths resolved now).</param>
public sealed record Routees(IReadOnlyList<IActorRef> Members);

/// <summary>Grows (positive) or shrinks (negative) a pool router by <paramref name="Change"/> routees.</summary>
/// <param name="Change">Routees to add or remove.</param>
public sealed record AdjustPoolSize(int Change);

/// <summary>A message that carries its own key for consistent hashing.</summary>
public interface IConsistentHashable
{
    /// <summary>The key: equal keys go to the same routee while the routees do not change.</summary>
    object ConsistentHashKey { get; }
}

/// <summary>Wraps a message with a key for consistent hashing; the routee receives <paramref name="Message"/> unwrapped.</summary>
/// <param name="Message">The message.</param>
/// <param name="HashKey">The key.</param>
public sealed record ConsistentHashableEnvelope(object Message, object HashKey) : IConsistentHashable
{
    /// <inheritdoc />
    public object ConsistentHashKey => HashKey;
}
