using Microsoft.Extensions.Logging;

namespace AkkaCompute.Actors;

/// <summary>
/// Base class of every actor (Akka's ActorBase). An actor is created only by the runtime
/// (through <see cref="IActorRefFactory.ActorOf"/>); constructing one with <c>new</c> elsewhere throws.
/// It processes one message at a time; its state needs no locks.
/// </summary>
public abstract class ActorBase
{
    private readonly ActorCell _cell;
    private ILogger? _log;

    /// <summary>Binds the actor to the cell that is creating it.</summary>
    /// <exception cref="IllegalActorStateException">Created outside <see cref="IActorRefFactory.ActorOf"/>.</exception>
    protected ActorBase()
    {
        _cell = ActorCell.Current is { IsCreatingActor: true } cell
            ? cell
            : throw new IllegalActorStateException($"{GetType().Name} must be created with ActorOf(Props), not with 'new'");
    }

    /// <summary>This actor's context (valid on its own turn only).</summary>
    protected IActorContext Context => _cell;

    /// <summary>This actor's reference.</summary>
    protected IActorRef Self => _cell.Self;

    /// <summary>The sender of the message being processed.</summary>
    protected IActorRef Sender => _cell.Sender;

    /// <summary>A logger for this actor (category: its class name).</summary>
    protected ILogger Log => _log ??= _cell.GetLogger();

    /// <summary>The actor's behaviour. Return false for messages it does not handle.</summary>
    protected abstract bool Receive(object message);

    /// <summary>
    /// Called for a message no behaviour handled: publishes <see cref="UnhandledMessage"/> on the
    /// event stream, or, for an unhandled <see cref="Terminated"/>, throws <see cref="DeathPactException"/>.
    /// </summary>
    protected virtual void Unhandled(object message)
    {
        if (message is Terminated t)
        {
            throw new DeathPactException(t.ActorRef);
        }

        _cell.System.EventStream.Publish(new UnhandledMessage(message, _cell.Sender, _cell.Self));
    }

    /// <summary>Called once before the first message of each incarnation (after a restart via <see cref="PostRestart"/>).</summary>
    protected virtual void PreStart()
    {
    }

    /// <summary>Called once after the actor stopped; its children have stopped already.</summary>
    protected virtual void PostStop()
    {
    }

    /// <summary>Called on the failed instance before a restart. The default stops every child and calls <see cref="PostStop"/>.</summary>
    /// <param name="reason">The exception that caused the restart.</param>
    /// <param name="message">The message being processed when it failed, if any.</param>
    protected virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in _cell.GetChildren())
        {
            _cell.Stop(child);
        }

        PostStop();
    }

    /// <summary>Called on the new instance after a restart. The default calls <see cref="PreStart"/>.</summary>
    protected virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>How this actor supervises its children; the default is <see cref="Actors.SupervisorStrategy.DefaultStrategy"/>.</summary>
    protected virtual SupervisorStrategy SupervisorStrategy() => Actors.SupervisorStrategy.DefaultStrategy;

    internal SupervisorStrategy SupervisorStrategyInternal => SupervisorStrategy();

    internal bool ReceiveInternal(object message) => Receive(message);

    internal void AroundReceive(Receive? behavior, object message)
    {
        var handled = behavior is null ? Receive(message) : behavior(message);
        if (!handled)
        {
            Unhandled(message);
        }
    }

    internal void AroundPreStart() => PreStart();

    internal void AroundPostStop() => PostStop();

    internal void AroundPreRestart(Exception reason, object? message) => PreRestart(reason, message);

    internal void AroundPostRestart(Exception reason) => PostRestart(reason);
}

/// <summary>An actor with one message handler, <see cref="OnReceive"/> (Akka's UntypedActor).</summary>
public abstract class UntypedActor : ActorBase
{
    /// <summary>Handles a message; call <see cref="ActorBase.Unhandled"/> for one it does not handle.</summary>
    protected abstract void OnReceive(object message);

    /// <inheritdoc />
    protected sealed override bool Receive(object message)
    {
        OnReceive(message);
        return true;
    }
}
