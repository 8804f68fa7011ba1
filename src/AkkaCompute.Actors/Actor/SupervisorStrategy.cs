using Microsoft.Extensions.Logging;

namespace AkkaCompute.Actors;

/// <summary>What a supervisor does with a failed child (as in Akka).</summary>
public enum Directive
{
    /// <summary>Keep the child and its state; it continues with its next message.</summary>
    Resume,

    /// <summary>Replace the child's instance with a new one (state is lost); its mailbox is kept.</summary>
    Restart,

    /// <summary>Stop the child.</summary>
    Stop,

    /// <summary>Fail the supervisor itself with the child's exception, for its own supervisor to decide.</summary>
    Escalate,
}

/// <summary>
/// How an actor handles the failures of its children (Akka's SupervisorStrategy). A child that
/// throws is suspended and its supervisor asks the strategy's decider for a <see cref="Directive"/>.
/// </summary>
public abstract class SupervisorStrategy
{
    /// <summary>Creates a strategy.</summary>
    /// <param name="maxNrOfRetries">Restarts allowed within <paramref name="withinTimeRange"/>; -1 for no limit, 0 for none. Past the limit the child is stopped.</param>
    /// <param name="withinTimeRange">The window for <paramref name="maxNrOfRetries"/>; null for an unbounded window.</param>
    /// <param name="decider">Maps the child's exception to a directive.</param>
    /// <param name="loggingEnabled">Log each failure at Error level (default true).</param>
    protected SupervisorStrategy(int maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider, bool loggingEnabled)
    {
        ArgumentNullException.ThrowIfNull(decider);
        if (maxNrOfRetries < -1)
        {
            throw new ConfigurationException("supervisor.max-nr-of-retries", maxNrOfRetries.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be -1 (no limit) or at least 0");
        }

        MaxNrOfRetries = maxNrOfRetries;
        WithinTimeRange = withinTimeRange;
        Decider = decider;
        LoggingEnabled = loggingEnabled;
    }

    /// <summary>Restarts allowed within <see cref="WithinTimeRange"/>; -1 for no limit.</summary>
    public int MaxNrOfRetries { get; }

    /// <summary>The restart-count window, or null.</summary>
    public TimeSpan? WithinTimeRange { get; }

    /// <summary>The decider.</summary>
    public Func<Exception, Directive> Decider { get; }

    /// <summary>Whether failures are logged.</summary>
    public bool LoggingEnabled { get; }

    /// <summary>
    /// Akka's default decider: <see cref="ActorInitializationException"/>, <see cref="ActorKilledException"/>
    /// and <see cref="DeathPactException"/> stop the child; any other exception restarts it.
    /// </summary>
    public static Directive DefaultDecider(Exception exception) => exception switch
    {
        ActorInitializationException or ActorKilledException or DeathPactException => Directive.Stop,
        _ => Directive.Restart,
    };

    /// <summary>The default strategy: one-for-one, unlimited restarts, <see cref="DefaultDecider"/>.</summary>
    public static SupervisorStrategy DefaultStrategy { get; } = new OneForOneStrategy(DefaultDecider);

    /// <summary>A strategy that stops every failing child.</summary>
    public static SupervisorStrategy StoppingStrategy { get; } = new OneForOneStrategy(_ => Directive.Stop);

    internal bool HandleFailure(ActorCell cell, LocalActorRef child, Exception cause)
    {
        var directive = Decider(cause);
        if (LoggingEnabled && directive != Directive.Escalate)
        {
            cell.SystemImpl.Log.LogError(cause, "{Child} failed ({Directive}): {Message}", child, directive, cause.Message);
        }

        switch (directive)
        {
            case Directive.Resume:
                child.SendSystemMessage(new Resume(cause));
                return true;
            case Directive.Restart:
                ProcessFailure(cell, restart: true, child, cause);
                return true;
            case Directive.Stop:
                ProcessFailure(cell, restart: false, child, cause);
                return true;
            default:
                return false;
        }
    }

    private protected abstract void ProcessFailure(ActorCell cell, bool restart, LocalActorRef child, Exception cause);

    private protected bool RequestRestartPermission(ActorCell cell, LocalActorRef child) =>
        cell.StatsFor(child).RequestRestartPermission(MaxNrOfRetries, WithinTimeRange, cell.SystemImpl.TimeProvider.GetTimestamp(), cell.SystemImpl.TimeProvider.TimestampFrequency);
}

/// <summary>Applies the directive to the failed child only (Akka's OneForOneStrategy).</summary>
public sealed class OneForOneStrategy : SupervisorStrategy
{
    /// <summary>Creates the strategy with no restart limit.</summary>
    public OneForOneStrategy(Func<Exception, Directive> decider, bool loggingEnabled = true)
        : base(-1, null, decider, loggingEnabled)
    {
    }

    /// <summary>Creates the strategy with a restart limit (see <see cref="SupervisorStrategy"/>'s constructor).</summary>
    public OneForOneStrategy(int maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider, bool loggingEnabled = true)
        : base(maxNrOfRetries, withinTimeRange, decider, loggingEnabled)
    {
    }

    private protected override void ProcessFailure(ActorCell cell, bool restart, LocalActorRef child, Exception cause)
    {
        if (restart && RequestRestartPermission(cell, child))
        {
            child.SendSystemMessage(new Recreate(cause));
        }
        else
        {
            cell.Stop(child);
        }
    }
}

/// <summary>Applies the directive to every child of the supervisor (Akka's AllForOneStrategy).</summary>
public sealed class AllForOneStrategy : SupervisorStrategy
{
    /// <summary>Creates the strategy with no restart limit.</summary>
    public AllForOneStrategy(Func<Exception, Directive> decider, bool loggingEnabled = true)
        : base(-1, null, decider, loggingEnabled)
    {
    }

    /// <summary>Creates the strategy with a restart limit (see <see cref="SupervisorStrategy"/>'s constructor).</summary>
    public AllForOneStrategy(int maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider, bool loggingEnabled = true)
        : base(maxNrOfRetries, withinTimeRange, decider, loggingEnabled)
    {
    }

    private protected override void ProcessFailure(ActorCell cell, bool restart, LocalActorRef child, Exception cause)
    {
        var children = cell.GetChildren().Cast<LocalActorRef>().ToList();
        if (restart && children.All(c => RequestRestartPermission(cell, c)))
        {
            foreach (var c in children)
            {
                c.SendSystemMessage(new Recreate(cause));
            }
        }
        else
        {
            foreach (var c in children)
            {
                cell.Stop(c);
            }
        }
    }
}

/// <summary>Restart bookkeeping of one child: restarts counted within the strategy's window.</summary>
internal sealed class ChildRestartStats(ActorRefBase child)
{
    public ActorRefBase Child { get; } = child;

    public int RestartCount { get; private set; }

    private long _windowStart;

    public bool RequestRestartPermission(int maxNrOfRetries, TimeSpan? window, long now, long frequency)
    {
        if (maxNrOfRetries == 0)
        {
            return false;
        }

        if (window is null)
        {
            RestartCount++;
            return maxNrOfRetries < 0 || RestartCount <= maxNrOfRetries;
        }

        var max = maxNrOfRetries < 0 ? int.MaxValue : maxNrOfRetries;
        var windowTicks = (long)(window.Value.TotalSeconds * frequency);
        if (RestartCount == 0 || now - _windowStart > windowTicks)
        {
            _windowStart = now;
            RestartCount = 1;
            return true;
        }

        RestartCount++;
        return RestartCount <= max;
    }
}
