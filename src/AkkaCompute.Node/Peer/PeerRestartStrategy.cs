using Akka.Actor;

namespace AkkaCompute.Node.Peer;

/// <summary>
/// The <c>/user</c> guardian's strategy (<c>akka.actor.guardian-supervisor-strategy</c>): Akka's default decider
/// (restart on an exception; stop on an initialization failure or a kill), but at most <see cref="RestartLimit"/>
/// restarts of one child within <see cref="RestartWindow"/>; one more and the child (the PeerActor, which restarts when
/// its history journal fails) stops for good, so a journal that keeps failing ends the node instead of looping.
/// </summary>
public sealed class PeerRestartStrategy : SupervisorStrategyConfigurator
{
    /// <summary>Restarts allowed within <see cref="RestartWindow"/>: 3.</summary>
    public const int RestartLimit = 3;

    /// <summary>The window of <see cref="RestartLimit"/>: one minute.</summary>
    public static readonly TimeSpan RestartWindow = TimeSpan.FromMinutes(1);

    /// <inheritdoc />
    public override SupervisorStrategy Create() =>
        new OneForOneStrategy(RestartLimit, RestartWindow, SupervisorStrategy.DefaultDecider);
}
