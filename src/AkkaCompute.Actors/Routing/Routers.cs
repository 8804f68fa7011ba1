namespace AkkaCompute.Actors.Routing;

/// <summary>A pool that sends to each routee in turn.</summary>
public sealed class RoundRobinPool(int nrOfInstances, DefaultResizer? resizer = null, SupervisorStrategy? supervisorStrategy = null)
    : Pool(nrOfInstances, resizer, supervisorStrategy)
{
    internal override RoutingLogic CreateLogic(ActorSystemImpl system) => new RoundRobinRoutingLogic();
}

/// <summary>A pool that sends to a random routee (seeded by <see cref="ActorSystemSettings.RandomSeed"/>).</summary>
public sealed class RandomPool(int nrOfInstances, DefaultResizer? resizer = null, SupervisorStrategy? supervisorStrategy = null)
    : Pool(nrOfInstances, resizer, supervisorStrategy)
{
    internal override RoutingLogic CreateLogic(ActorSystemImpl system) => new RandomRoutingLogic(system.NextRandom);
}

/// <summary>A pool that sends to the routee with the fewest queued messages.</summary>
public sealed class SmallestMailboxPool(int nrOfInstances, DefaultResizer? resizer = null, SupervisorStrategy? supervisorStrategy = null)
    : Pool(nrOfInstances, resizer, supervisorStrategy)
{
    internal override RoutingLogic CreateLogic(ActorSystemImpl system) => new SmallestMailboxRoutingLogic();
}

/// <summary>A pool that sends every message to every routee.</summary>
public sealed class BroadcastPool(int nrOfInstances, DefaultResizer? resizer = null, SupervisorStrategy? supervisorStrategy = null)
    : Pool(nrOfInstances, resizer, supervisorStrategy)
{
    internal override RoutingLogic CreateLogic(ActorSystemImpl system) => new BroadcastRoutingLogic();
}

/// <summary>A pool that sends messages with equal keys to the same routee (see <see cref="ConsistentHashingRoutingLogic"/>).</summary>
/// <param name="nrOfInstances">Routees.</param>
/// <param name="hashMapping">Extracts the key of messages that are not <see cref="IConsistentHashable"/>; null if none.</param>
/// <param name="virtualNodesFactor">Ring points per routee; default 10.</param>
/// <param name="resizer">Optional resizer.</param>
/// <param name="supervisorStrategy">Optional routee supervision.</param>
public sealed class ConsistentHashingPool(int nrOfInstances, Func<object, object?>? hashMapping = null, int virtualNodesFactor = 10, DefaultResizer? resizer = null, SupervisorStrategy? supervisorStrategy = null)
    : Pool(nrOfInstances, resizer, supervisorStrategy)
{
    internal override RoutingLogic CreateLogic(ActorSystemImpl system) => new ConsistentHashingRoutingLogic(hashMapping, virtualNodesFactor);
}

/// <summary>A group that sends to each path in turn.</summary>
public sealed class RoundRobinGroup(params string[] paths) : Group(paths)
{
    internal override RoutingLogic CreateLogic(ActorSystemImpl system) => new RoundRobinRoutingLogic();
}

/// <summary>A group that sends to a random path.</summary>
public sealed class RandomGroup(params string[] paths) : Group(paths)
{
    internal override RoutingLogic CreateLogic(ActorSystemImpl system) => new RandomRoutingLogic(system.NextRandom);
}

/// <summary>A group that sends every message to every path.</summary>
public sealed class BroadcastGroup(params string[] paths) : Group(paths)
{
    internal override RoutingLogic CreateLogic(ActorSystemImpl system) => new BroadcastRoutingLogic();
}

/// <summary>A group that sends messages with equal keys to the same path.</summary>
public sealed class ConsistentHashingGroup(IEnumerable<string> paths, Func<object, object?>? hashMapping = null, int virtualNodesFactor = 10) : Group(paths)
{
    internal override RoutingLogic CreateLogic(ActorSystemImpl system) => new ConsistentHashingRoutingLogic(hashMapping, virtualNodesFactor);
}
