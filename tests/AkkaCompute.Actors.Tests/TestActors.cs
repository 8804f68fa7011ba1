namespace AkkaCompute.Actors.Tests;

public sealed record Ping(int N);

public sealed record Pong(int N);

/// <summary>Replies Pong(n) to Ping(n); echoes anything else.</summary>
public sealed class EchoActor : ReceiveActor
{
    public EchoActor()
    {
        Receive<Ping>(p => Sender.Tell(new Pong(p.N), Self));
        ReceiveAny(m => Sender.Tell(m, Self));
    }
}

/// <summary>Throws the exception it receives; reports lifecycle hooks to a probe.</summary>
public sealed class FailingActor : ReceiveActor
{
    private int _state;

    public FailingActor(IActorRef probe)
    {
        Receive<Exception>(e => throw e);
        Receive<string>(s => s == "state", _ => Sender.Tell(_state, Self));
        Receive<string>(s => s == "inc", _ => _state++);
        Receive<string>(s => s == "path", _ => Sender.Tell(Self.Path.ToString(), Self));
        Receive<Props>(p => Sender.Tell(Context.ActorOf(p, "child"), Self));
        Probe = probe;
    }

    private IActorRef Probe { get; }

    protected override void PreStart() => Probe.Tell("prestart", Self);

    protected override void PostStop() => Probe.Tell("poststop", Self);

    protected override void PreRestart(Exception reason, object? message)
    {
        Probe.Tell("prerestart:" + reason.Message, Self);
        base.PreRestart(reason, message);
    }

    protected override void PostRestart(Exception reason)
    {
        Probe.Tell("postrestart:" + reason.Message, Self);
        base.PostRestart(reason);
    }
}

/// <summary>A parent that creates children from props and supervises them with a given strategy.</summary>
public sealed class Supervisor : ReceiveActor
{
    private readonly SupervisorStrategy _strategy;

    public Supervisor(SupervisorStrategy strategy)
    {
        _strategy = strategy;
        Receive<(Props Props, string Name)>(c => Sender.Tell(Context.ActorOf(c.Props, c.Name), Self));
        Receive<Exception>(e => throw e);
    }

    protected override SupervisorStrategy SupervisorStrategy() => _strategy;
}
