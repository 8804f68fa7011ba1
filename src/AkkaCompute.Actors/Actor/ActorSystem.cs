using AkkaCompute.Actors.Event;

namespace AkkaCompute.Actors;

/// <summary>
/// A hierarchy of actors with its dispatchers, scheduler, event stream and dead letters (Akka's
/// ActorSystem). Top-level actors live under <c>/user</c>; runtime actors under <c>/system</c>.
/// </summary>
public abstract class ActorSystem : IActorRefFactory, IAsyncDisposable, IDisposable
{
    /// <summary>
    /// Creates and starts an actor system.
    /// </summary>
    /// <param name="name">The system's name: letters, digits, '-' and '_', starting with a letter or digit.</param>
    /// <param name="settings">The settings, or null for <see cref="ActorSystemSettings.Default"/>.</param>
    /// <exception cref="ConfigurationException">A setting or the name is invalid; the message names key, value and constraint.</exception>
    public static ActorSystem Create(string name, ActorSystemSettings? settings = null)
    {
        settings ??= ActorSystemSettings.Default;
        if (string.IsNullOrEmpty(name) || !char.IsAsciiLetterOrDigit(name[0]) || name.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_'))
        {
            throw new ConfigurationException("actor-system.name", name, "must be non-empty, start with a letter or digit, and contain only letters, digits, '-' and '_'");
        }

        settings.Validate();
        return new ActorSystemImpl(name, settings);
    }

    /// <summary>The system's name.</summary>
    public abstract string Name { get; }

    /// <summary>The settings the system was created with.</summary>
    public abstract ActorSystemSettings Settings { get; }

    /// <summary>The address of this system (<c>akc://name</c> until a transport gives it a host and port).</summary>
    public abstract Address Address { get; }

    /// <summary>The system's publish-subscribe bus for events such as <see cref="DeadLetter"/> and <see cref="UnhandledMessage"/>.</summary>
    public abstract EventStream EventStream { get; }

    /// <summary>Receives undeliverable messages; counted and logged, then published as <see cref="DeadLetter"/>.</summary>
    public abstract IActorRef DeadLetters { get; }

    /// <summary>Number of dead letters since start.</summary>
    public abstract long DeadLetterCount { get; }

    /// <summary>Sends delayed and periodic messages using <see cref="TimeProvider"/>.</summary>
    public abstract IScheduler Scheduler { get; }

    /// <summary>The system's clock.</summary>
    public abstract TimeProvider TimeProvider { get; }

    /// <summary>Completes when the system has terminated.</summary>
    public abstract Task WhenTerminated { get; }

    /// <summary>Looks up a configured dispatcher.</summary>
    /// <exception cref="ConfigurationException">No dispatcher has this id.</exception>
    public abstract MessageDispatcher Dispatcher(string id);

    /// <inheritdoc />
    public abstract IActorRef ActorOf(Props props, string? name = null);

    /// <inheritdoc />
    public abstract ActorSelection ActorSelection(string path);

    /// <summary>Stops <paramref name="actor"/> asynchronously.</summary>
    public abstract void Stop(IActorRef actor);

    /// <summary>
    /// Terminates the system by running <see cref="CoordinatedShutdown"/> (all phases in order); completes when terminated.
    /// </summary>
    public abstract Task Terminate();

    /// <summary>Extensions registered on this system (one instance per type), e.g. <see cref="CoordinatedShutdown"/>.</summary>
    public abstract T GetOrAddExtension<T>(Func<ActorSystem, T> factory) where T : class;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Terminate().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Terminate().GetAwaiter().GetResult();
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc />
    public override string ToString() => Address.ToString();
}
