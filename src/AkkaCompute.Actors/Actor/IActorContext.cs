using Microsoft.Extensions.Logging;

namespace AkkaCompute.Actors;

/// <summary>An actor's behaviour: returns true when it handled the message.</summary>
public delegate bool Receive(object message);

/// <summary>
/// What an actor can see and do about itself while it processes a message (Akka's IActorContext).
/// Only valid on the actor's own turn; do not capture it in other threads.
/// </summary>
public interface IActorContext : IActorRefFactory
{
    /// <summary>This actor's reference.</summary>
    IActorRef Self { get; }

    /// <summary>The sender of the message being processed; dead letters when there is none.</summary>
    IActorRef Sender { get; }

    /// <summary>This actor's supervisor.</summary>
    IActorRef Parent { get; }

    /// <summary>The actor system.</summary>
    ActorSystem System { get; }

    /// <summary>The props this actor was created from.</summary>
    Props Props { get; }

    /// <summary>The dispatcher running this actor.</summary>
    MessageDispatcher Dispatcher { get; }

    /// <summary>The receive timeout, or null when none is set.</summary>
    TimeSpan? ReceiveTimeout { get; }

    /// <summary>The live children.</summary>
    IReadOnlyCollection<IActorRef> GetChildren();

    /// <summary>The child named <paramref name="name"/>, or null.</summary>
    IActorRef? Child(string name);

    /// <summary>Stops <paramref name="actor"/> (a child or Self) asynchronously; its queued messages go to dead letters.</summary>
    void Stop(IActorRef actor);

    /// <summary>Watches <paramref name="subject"/>: a <see cref="Terminated"/> arrives exactly once when it stops (at once if it is already dead).</summary>
    IActorRef Watch(IActorRef subject);

    /// <summary>Stops watching; a <see cref="Terminated"/> not yet processed is dropped.</summary>
    IActorRef Unwatch(IActorRef subject);

    /// <summary>Replaces (or, with <paramref name="discardOld"/> false, pushes over) the current behaviour.</summary>
    void Become(Receive receive, bool discardOld = true);

    /// <summary>Pushes <paramref name="receive"/> over the current behaviour (Akka's BecomeStacked).</summary>
    void BecomeStacked(Receive receive);

    /// <summary>Returns to the previous behaviour (Akka's UnbecomeStacked); no effect on the initial behaviour.</summary>
    void Unbecome();

    /// <summary>
    /// Sends <see cref="Actors.ReceiveTimeout"/> to this actor after <paramref name="timeout"/> without messages;
    /// null turns it off. Messages implementing <see cref="INotInfluenceReceiveTimeout"/> do not reset it.
    /// </summary>
    void SetReceiveTimeout(TimeSpan? timeout);

    /// <summary>A logger whose category is this actor's class; the log source path is the actor's path.</summary>
    ILogger GetLogger();
}

/// <summary>Creates actors and selections: the actor system and every actor context.</summary>
public interface IActorRefFactory
{
    /// <summary>
    /// Creates a child actor from <paramref name="props"/>.
    /// </summary>
    /// <param name="props">The recipe.</param>
    /// <param name="name">A unique name among siblings, or null for a generated one (<c>$a</c>, <c>$b</c>, ...).</param>
    /// <exception cref="InvalidActorNameException">The name is taken, empty, starts with '$' or contains '/'.</exception>
    /// <exception cref="ConfigurationException">The props name a dispatcher that is not configured.</exception>
    IActorRef ActorOf(Props props, string? name = null);

    /// <summary>Selects actors by path: absolute (<c>/user/a</c>, <c>akc://sys/user/a</c>) or relative (<c>../b</c>, <c>child</c>); <c>*</c> and <c>?</c> are wildcards in an element.</summary>
    ActorSelection ActorSelection(string path);
}
