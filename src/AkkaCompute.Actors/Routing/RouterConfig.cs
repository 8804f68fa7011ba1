namespace AkkaCompute.Actors.Routing;

/// <summary>
/// Turns Props into a router (<see cref="Props.WithRouter"/>): a router actor that forwards each
/// message to routees chosen by its logic, keeping the original sender.
/// </summary>
public abstract class RouterConfig
{
    /// <summary>Creates the routing logic (one per router instance).</summary>
    internal abstract RoutingLogic CreateLogic(ActorSystemImpl system);

    internal abstract Props CreateRouterActorProps(Props routeeProps);
}

/// <summary>
/// A router that creates its routees as its children from the routee Props. Routees are supervised
/// by <see cref="SupervisorStrategy"/> (default: restart the failing routee); when every routee has
/// stopped, the router stops.
/// </summary>
public abstract class Pool : RouterConfig
{
    /// <summary>Creates a pool.</summary>
    /// <param name="nrOfInstances">Routees at start (ignored when a resizer is set: it starts at its lower bound); at least 1.</param>
    /// <param name="resizer">Grows and shrinks the pool by pressure, or null for a fixed size.</param>
    /// <param name="supervisorStrategy">How routees are supervised; null for the default (restart on failure).</param>
    /// <exception cref="ConfigurationException"><paramref name="nrOfInstances"/> is below 1 without a resizer.</exception>
    protected Pool(int nrOfInstances, DefaultResizer? resizer, SupervisorStrategy? supervisorStrategy)
    {
        if (nrOfInstances < 1 && resizer is null)
        {
            throw new ConfigurationException("router.nr-of-instances", nrOfInstances.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be at least 1");
        }

        NrOfInstances = nrOfInstances;
        Resizer = resizer;
        SupervisorStrategy = supervisorStrategy ?? Actors.SupervisorStrategy.DefaultStrategy;
    }

    /// <summary>Routees at start.</summary>
    public int NrOfInstances { get; }

    /// <summary>The resizer, or null.</summary>
    public DefaultResizer? Resizer { get; }

    /// <summary>How routees are supervised.</summary>
    public SupervisorStrategy SupervisorStrategy { get; }

    internal override Props CreateRouterActorProps(Props routeeProps)
    {
        var plain = routeeProps.WithRouter(null!);
        return Props.Create(() => new PoolRouterActor(this, plain))
            .WithDispatcher(routeeProps.Dispatcher)
            .WithSupervisorStrategy(SupervisorStrategy);
    }
}

/// <summary>A router over existing actors given by path; it does not supervise them.</summary>
public abstract class Group : RouterConfig
{
    /// <summary>Creates a group over <paramref name="paths"/> (absolute, e.g. <c>/user/worker1</c>).</summary>
    /// <exception cref="ArgumentException">No paths were given.</exception>
    protected Group(IEnumerable<string> paths)
    {
        Paths = paths.ToArray();
        if (Paths.Count == 0)
        {
            throw new ArgumentException("a group router needs at least one path", nameof(paths));
        }
    }

    /// <summary>The routees' paths.</summary>
    public IReadOnlyList<string> Paths { get; }

    internal override Props CreateRouterActorProps(Props routeeProps) =>
        Props.Create(() => new GroupRouterActor(this)).WithDispatcher(routeeProps.Dispatcher);
}
