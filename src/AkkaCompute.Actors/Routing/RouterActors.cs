namespace AkkaCompute.Actors.Routing;

/// <summary>Shared routing behaviour: management messages, then the logic's choice.</summary>
internal abstract class RouterActorBase : ActorBase
{
    private readonly RoutingLogic _logic;

    protected RouterActorBase(RoutingLogic logic) => _logic = logic;

    protected IReadOnlyList<Routee> RouteeList { get; set; } = [];

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case GetRoutees:
                Sender.Tell(new Routees(CurrentRouteeRefs()), Self);
                return true;
            case Broadcast b:
                foreach (var r in RouteeList)
                {
                    r.Send(b.Message, Sender);
                }

                return true;
            default:
                if (HandleManagement(message))
                {
                    return true;
                }

                BeforeRoute();
                Route(message);
                return true;
        }
    }

    protected virtual bool HandleManagement(object message) => false;

    protected virtual void BeforeRoute()
    {
    }

    protected virtual IReadOnlyList<IActorRef> CurrentRouteeRefs() =>
        RouteeList.Select(r => r.ActorRef).OfType<IActorRef>().ToList();

    private void Route(object message)
    {
        var routee = _logic.Select(message, RouteeList);
        var payload = message is ConsistentHashableEnvelope e ? e.Message : message;
        if (routee is NoRoutee)
        {
            Context.System.DeadLetters.Tell(new DeadLetter(payload, Sender, Self, RouteeList.Count == 0 ? "router has no routees" : "no routee chosen (consistent hashing: message has no key)"), Sender);
            return;
        }

        routee.Send(payload, Sender);
    }
}

/// <summary>A pool router: creates, watches and resizes its routees.</summary>
internal sealed class PoolRouterActor : RouterActorBase
{
    private readonly Pool _pool;
    private readonly Props _routeeProps;
    private long _messageCounter;

    public PoolRouterActor(Pool pool, Props routeeProps)
        : base(pool.CreateLogic((ActorSystemImpl)ActorCell.Current!.System))
    {
        _pool = pool;
        _routeeProps = routeeProps;
    }

    protected override void PreStart()
    {
        var n = _pool.Resizer is { } r ? Math.Max(r.LowerBound, 1) : _pool.NrOfInstances;
        AddRoutees(n);
    }

    protected override void PreRestart(Exception reason, object? message)
    {
        // Routees survive a restart of the router and are adopted again in PostRestart.
    }

    protected override void PostRestart(Exception reason) =>
        RouteeList = Context.GetChildren().Select(c => (Routee)new ActorRefRoutee(Context.Watch(c))).ToList();

    protected override bool HandleManagement(object message)
    {
        switch (message)
        {
            case AdjustPoolSize adjust:
                Resize(adjust.Change);
                return true;
            case Terminated t:
                RouteeList = RouteeList.Where(r => !t.ActorRef.Equals(r.ActorRef)).ToList();
                if (RouteeList.Count == 0)
                {
                    Context.Stop(Self);
                }

                return true;
            default:
                return false;
        }
    }

    protected override void BeforeRoute()
    {
        if (_pool.Resizer is { } resizer && resizer.IsTimeForResize(_messageCounter++))
        {
            var delta = resizer.Capacity(RouteeList.Select(r => r.MailboxSize).ToList());
            Resize(delta);
        }
    }

    private void Resize(int change)
    {
        if (change > 0)
        {
            AddRoutees(change);
        }
        else if (change < 0)
        {
            var remove = RouteeList.TakeLast(Math.Min(-change, RouteeList.Count)).ToList();
            RouteeList = RouteeList.Except(remove).ToList();
            foreach (var r in remove)
            {
                Context.Unwatch(r.ActorRef!);
                r.ActorRef!.Tell(PoisonPill.Instance, Self);
            }
        }
    }

    private void AddRoutees(int n)
    {
        var list = RouteeList.ToList();
        for (var i = 0; i < n; i++)
        {
            list.Add(new ActorRefRoutee(Context.Watch(Context.ActorOf(_routeeProps))));
        }

        RouteeList = list;
    }
}

/// <summary>A group router: routes to the configured paths.</summary>
internal sealed class GroupRouterActor : RouterActorBase
{
    private readonly Group _group;

    public GroupRouterActor(Group group)
        : base(group.CreateLogic((ActorSystemImpl)ActorCell.Current!.System))
    {
        _group = group;
    }

    protected override void PreStart() =>
        RouteeList = _group.Paths.Select(p => (Routee)new ActorSelectionRoutee(Context.ActorSelection(p))).ToList();

    protected override IReadOnlyList<IActorRef> CurrentRouteeRefs() =>
        RouteeList.OfType<ActorSelectionRoutee>().SelectMany(r => r.Selection.Resolve()).Cast<IActorRef>().ToList();
}
