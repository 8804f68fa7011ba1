using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AkkaCompute.Actors;

/// <summary>The kind of a configured dispatcher.</summary>
public enum DispatcherKind
{
    /// <summary>Mailboxes run on the .NET thread pool.</summary>
    ThreadPool,

    /// <summary>Mailboxes run on the dispatcher's own threads (for blocking work).</summary>
    DedicatedThreads,
}

/// <summary>A dispatcher to create at start, looked up by <see cref="Id"/> from <see cref="Props.WithDispatcher"/>.</summary>
/// <param name="Id">The dispatcher id.</param>
/// <param name="Kind">Thread pool or dedicated threads.</param>
/// <param name="Throughput">Messages per mailbox per turn; at least 1. Default 30.</param>
/// <param name="ThreadCount">Threads of a <see cref="DispatcherKind.DedicatedThreads"/> dispatcher; at least 1. Default 4.</param>
public sealed record DispatcherSettings(string Id, DispatcherKind Kind, int Throughput = 30, int ThreadCount = 4);

/// <summary>
/// The typed settings of an actor system. Every value has a documented default; <see cref="Validate"/>
/// runs in <see cref="ActorSystem.Create"/> and names the key, the value and the constraint of the first bad one.
/// </summary>
public sealed record ActorSystemSettings
{
    /// <summary>The id of the built-in dedicated-thread dispatcher for blocking work.</summary>
    public const string BlockingDispatcherId = "blocking-io-dispatcher";

    /// <summary>The defaults.</summary>
    public static ActorSystemSettings Default { get; } = new();

    /// <summary><c>actor.default-dispatcher.throughput</c>: messages per mailbox per turn on the default dispatcher. Default 30; at least 1.</summary>
    public int Throughput { get; init; } = 30;

    /// <summary><c>actor.ask-timeout</c>: the timeout of Ask when none is given. Default 10 s; must be positive.</summary>
    public TimeSpan DefaultAskTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary><c>actor.stash-capacity</c>: maximum stashed messages per actor. Default 100,000; at least 1.</summary>
    public int StashCapacity { get; init; } = 100_000;

    /// <summary><c>actor.log-dead-letters</c>: how many dead letters are logged before logging is suppressed. Default 10; 0 turns it off.</summary>
    public int LogDeadLetters { get; init; } = 10;

    /// <summary><c>actor.blocking-io-dispatcher.threads</c>: threads of the built-in <see cref="BlockingDispatcherId"/> dispatcher. Default 4; at least 1.</summary>
    public int BlockingDispatcherThreads { get; init; } = 4;

    /// <summary><c>actor.dispatchers</c>: additional dispatchers. Default none.</summary>
    public IReadOnlyList<DispatcherSettings> Dispatchers { get; init; } = [];

    /// <summary><c>coordinated-shutdown.default-phase-timeout</c>: per-phase timeout of CoordinatedShutdown. Default 5 s; must be positive.</summary>
    public TimeSpan ShutdownPhaseTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The clock for timers, the scheduler and timeouts. Default <see cref="TimeProvider.System"/>; tests pass a manual one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where the runtime logs. Default: no logging.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>Seed for the runtime's random choices (random routers, uids); null picks one at start.</summary>
    public int? RandomSeed { get; init; }

    /// <summary>Supervisor strategy of the <c>/user</c> guardian for top-level actors. Default <see cref="SupervisorStrategy.DefaultStrategy"/>.</summary>
    public SupervisorStrategy GuardianSupervisorStrategy { get; init; } = SupervisorStrategy.DefaultStrategy;

    /// <summary>Checks every value.</summary>
    /// <exception cref="ConfigurationException">A value breaks its constraint; the message names key, value and constraint.</exception>
    public void Validate()
    {
        AtLeast("actor.default-dispatcher.throughput", Throughput, 1);
        AtLeast("actor.stash-capacity", StashCapacity, 1);
        AtLeast("actor.log-dead-letters", LogDeadLetters, 0);
        AtLeast("actor.blocking-io-dispatcher.threads", BlockingDispatcherThreads, 1);
        Positive("actor.ask-timeout", DefaultAskTimeout);
        Positive("coordinated-shutdown.default-phase-timeout", ShutdownPhaseTimeout);
        var ids = new HashSet<string>(StringComparer.Ordinal) { Props.DefaultDispatcherId, BlockingDispatcherId };
        foreach (var d in Dispatchers)
        {
            if (string.IsNullOrWhiteSpace(d.Id))
            {
                throw new ConfigurationException("actor.dispatchers[].id", d.Id, "must not be empty");
            }

            if (!ids.Add(d.Id))
            {
                throw new ConfigurationException($"actor.dispatchers.{d.Id}", d.Id, "dispatcher ids must be unique (default-dispatcher and blocking-io-dispatcher are built in)");
            }

            AtLeast($"actor.dispatchers.{d.Id}.throughput", d.Throughput, 1);
            AtLeast($"actor.dispatchers.{d.Id}.threads", d.ThreadCount, 1);
        }
    }

    private static void AtLeast(string key, int value, int min)
    {
        if (value < min)
        {
            throw new ConfigurationException(key, value.ToString(CultureInfo.InvariantCulture), $"must be at least {min}");
        }
    }

    private static void Positive(string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ConfigurationException(key, value.ToString(), "must be a positive duration");
        }
    }
}
