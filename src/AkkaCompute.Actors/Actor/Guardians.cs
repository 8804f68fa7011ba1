namespace AkkaCompute.Actors;

/// <summary>The <c>/user</c> and <c>/system</c> guardians: they only supervise their children.</summary>
internal sealed class GuardianActor : ActorBase
{
    protected override bool Receive(object message) => message is Terminated;
}

/// <summary>The root guardian <c>/</c>: stops /system after /user, then itself.</summary>
internal sealed class RootGuardian : ActorBase
{
    private IActorRef? _user;
    private IActorRef? _system;

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case Init init:
                _user = Context.Watch(init.User);
                _system = Context.Watch(init.System);
                return true;
            case Terminated t when t.ActorRef.Equals(_user):
                Context.Stop(_system!);
                return true;
            case Terminated t when t.ActorRef.Equals(_system):
                Context.Stop(Self);
                return true;
            case Terminated:
                return true;
            default:
                return false;
        }
    }

    internal sealed record Init(IActorRef User, IActorRef System);
}
