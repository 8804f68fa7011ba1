using AkkaCompute.Actors.Routing;

namespace AkkaCompute.Actors;

/// <summary>
/// The immutable recipe for an actor: how to create it, which dispatcher runs it, which mailbox
/// queues its messages, and whether it is a router. As in Akka.NET, Props are made once and used
/// for every incarnation (a restart calls the factory again).
/// </summary>
public sealed class Props
{
    private readonly Func<ActorBase> _factory;

    private Props(Type actorType, Func<ActorBase> factory, string dispatcher, MailboxType? mailbox, RouterConfig? router, SupervisorStrategy? supervisorStrategy)
    {
        ActorType = actorType;
        _factory = factory;
        Dispatcher = dispatcher;
        Mailbox = mailbox;
        RouterConfig = router;
        SupervisorStrategy = supervisorStrategy;
    }

    /// <summary>The id of the default dispatcher.</summary>
    public const string DefaultDispatcherId = "default-dispatcher";

    /// <summary>Props for an actor that does nothing with its messages (they become unhandled).</summary>
    public static Props Empty { get; } = Create(() => new EmptyActor());

    /// <summary>The actor's class.</summary>
    public Type ActorType { get; }

    /// <summary>The dispatcher id; <see cref="DefaultDispatcherId"/> unless changed.</summary>
    public string Dispatcher { get; }

    /// <summary>The mailbox type, or null for the system default (unbounded).</summary>
    public MailboxType? Mailbox { get; }

    /// <summary>The router configuration, or null for an ordinary actor.</summary>
    public RouterConfig? RouterConfig { get; }

    /// <summary>The supervisor strategy the actor applies to its children, overriding its own when set.</summary>
    public SupervisorStrategy? SupervisorStrategy { get; }

    /// <summary>Props that create <typeparamref name="T"/> by calling <paramref name="factory"/> for each incarnation.</summary>
    public static Props Create<T>(Func<T> factory) where T : ActorBase
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new Props(typeof(T), factory, DefaultDispatcherId, null, null, null);
    }

    /// <summary>Props that create <typeparamref name="T"/> through the constructor matching <paramref name="args"/>.</summary>
    /// <exception cref="ArgumentException">No public constructor of <typeparamref name="T"/> matches the arguments.</exception>
    public static Props Create<T>(params object?[] args) where T : ActorBase => Create(typeof(T), args);

    /// <summary>Props that create <paramref name="actorType"/> through the constructor matching <paramref name="args"/>.</summary>
    /// <exception cref="ArgumentException">The type is not an actor, or no public constructor matches the arguments.</exception>
    public static Props Create(Type actorType, params object?[] args)
    {
        ArgumentNullException.ThrowIfNull(actorType);
        if (!typeof(ActorBase).IsAssignableFrom(actorType) || actorType.IsAbstract)
        {
            throw new ArgumentException($"{actorType} is not a concrete actor type (a subclass of ActorBase)", nameof(actorType));
        }

        var argTypes = args.Select(a => a?.GetType()).ToArray();
        var matches = actorType.GetConstructors().Any(c =>
        {
            var ps = c.GetParameters();
            return ps.Length == args.Length && ps.Select((p, i) => argTypes[i] is null ? !p.ParameterType.IsValueType || Nullable.GetUnderlyingType(p.ParameterType) is not null : p.ParameterType.IsAssignableFrom(argTypes[i])).All(x => x);
        });
        if (!matches)
        {
            throw new ArgumentException($"{actorType.Name} has no public constructor taking ({string.Join(", ", argTypes.Select(t => t?.Name ?? "null"))})", nameof(args));
        }

        Func<ActorBase> factory = args.Length == 0
            ? () => (ActorBase)Activator.CreateInstance(actorType)!
            : () => (ActorBase)Activator.CreateInstance(actorType, args)!;
        return new Props(actorType, factory, DefaultDispatcherId, null, null, null);
    }

    /// <summary>A copy that runs on the dispatcher <paramref name="dispatcherId"/> (it must be configured in the system's settings).</summary>
    public Props WithDispatcher(string dispatcherId) => new(ActorType, _factory, dispatcherId, Mailbox, RouterConfig, SupervisorStrategy);

    /// <summary>A copy that uses <paramref name="mailbox"/>.</summary>
    public Props WithMailbox(MailboxType mailbox) => new(ActorType, _factory, Dispatcher, mailbox, RouterConfig, SupervisorStrategy);

    /// <summary>A copy that creates a router of this actor (for a pool) or over paths (for a group).</summary>
    public Props WithRouter(RouterConfig? router) => new(ActorType, _factory, Dispatcher, Mailbox, router, SupervisorStrategy);

    /// <summary>A copy whose actor supervises its children with <paramref name="strategy"/>.</summary>
    public Props WithSupervisorStrategy(SupervisorStrategy strategy) => new(ActorType, _factory, Dispatcher, Mailbox, RouterConfig, strategy);

    internal ActorBase NewActor() => _factory();

    /// <inheritdoc />
    public override string ToString() => $"Props({ActorType.Name}, dispatcher={Dispatcher}{(RouterConfig is null ? string.Empty : ", router=" + RouterConfig.GetType().Name)})";

    private sealed class EmptyActor : ActorBase
    {
        protected override bool Receive(object message) => false;
    }
}
