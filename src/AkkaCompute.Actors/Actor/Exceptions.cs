namespace AkkaCompute.Actors;

/// <summary>Base class of the runtime's exceptions.</summary>
public class AkkaException : Exception
{
    /// <summary>Creates the exception with a message and an optional cause.</summary>
    public AkkaException(string message, Exception? cause = null) : base(message, cause) { }
}

/// <summary>Thrown by <see cref="ActorRefExtensions.Ask{T}"/> when no answer came within the timeout, or the recipient is dead.</summary>
public sealed class AskTimeoutException : AkkaException
{
    /// <summary>Creates the exception.</summary>
    public AskTimeoutException(string message) : base(message) { }
}

/// <summary>Thrown inside an actor that received <see cref="Kill"/>; the default strategy stops it.</summary>
public sealed class ActorKilledException : AkkaException
{
    /// <summary>Creates the exception.</summary>
    public ActorKilledException(string message) : base(message) { }
}

/// <summary>Wraps an exception thrown while creating an actor (constructor, PreStart); the default strategy stops it.</summary>
public sealed class ActorInitializationException : AkkaException
{
    /// <summary>Creates the exception for the actor <paramref name="actor"/>.</summary>
    public ActorInitializationException(IActorRef? actor, string message, Exception? cause = null) : base(message, cause) => Actor = actor;

    /// <summary>The actor that failed to start, when known.</summary>
    public IActorRef? Actor { get; }
}

/// <summary>Thrown when a watching actor does not handle <see cref="Terminated"/>; the default strategy stops it.</summary>
public sealed class DeathPactException : AkkaException
{
    /// <summary>Creates the exception for the dead actor.</summary>
    public DeathPactException(IActorRef deadActor) : base($"Monitored actor [{deadActor}] terminated") => DeadActor = deadActor;

    /// <summary>The watched actor that stopped.</summary>
    public IActorRef DeadActor { get; }
}

/// <summary>Thrown by ActorOf when the name is taken or invalid.</summary>
public sealed class InvalidActorNameException : AkkaException
{
    /// <summary>Creates the exception.</summary>
    public InvalidActorNameException(string message) : base(message) { }
}

/// <summary>Thrown by <see cref="ActorSelection.ResolveOne"/> when no actor lives at the path.</summary>
public sealed class ActorNotFoundException : AkkaException
{
    /// <summary>Creates the exception.</summary>
    public ActorNotFoundException(string message) : base(message) { }
}

/// <summary>Thrown by <see cref="IStash.Stash"/> when the stash holds its capacity.</summary>
public sealed class StashOverflowException : AkkaException
{
    /// <summary>Creates the exception.</summary>
    public StashOverflowException(string message) : base(message) { }
}

/// <summary>Thrown when an actor API is used outside the actor it belongs to, or twice where once is allowed.</summary>
public sealed class IllegalActorStateException : AkkaException
{
    /// <summary>Creates the exception.</summary>
    public IllegalActorStateException(string message) : base(message) { }
}

/// <summary>
/// A setting that fails validation. The message names the key, the value and the constraint,
/// e.g. <c>actor.default-dispatcher.throughput = -1: must be at least 1</c>.
/// </summary>
public sealed class ConfigurationException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="key">The setting's key, e.g. <c>actor.default-dispatcher.throughput</c>.</param>
    /// <param name="value">The rejected value, as text.</param>
    /// <param name="constraint">What the value must satisfy, e.g. <c>must be at least 1</c>.</param>
    public ConfigurationException(string key, string? value, string constraint)
        : base($"{key} = {value ?? "null"}: {constraint}")
    {
        Key = key;
        Value = value;
        Constraint = constraint;
    }

    /// <summary>The setting's key.</summary>
    public string Key { get; }

    /// <summary>The rejected value.</summary>
    public string? Value { get; }

    /// <summary>The violated constraint.</summary>
    public string Constraint { get; }
}
