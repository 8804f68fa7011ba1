using AkkaCompute.Actors;

namespace AkkaCompute.Cluster.Daemon;

/// <summary>
/// The cluster's tasks in <see cref="CoordinatedShutdown"/>, as Akka's: <c>cluster-leave</c> sends Leave for this node and waits until
/// it is Exiting (or gone), <c>cluster-exiting</c> has the daemon tick once more so that the core's last gossip and ExitingConfirmed go out,
/// and <c>cluster-shutdown</c> stops the daemon. Each wait is bounded by its phase's timeout (5 s by default); a node that never
/// joined, or was already removed or downed, skips the waits.
/// </summary>
internal static class ClusterShutdownTasks
{
    public static void Register(ActorSystem system, Cluster cluster, ClusterView view, IActorRef daemon, ClusterRunOptions options)
    {
        var shutdown = CoordinatedShutdown.Get(system);
        if (options.LeaveOnShutdown)
        {
            shutdown.AddTask(CoordinatedShutdown.PhaseClusterLeave, "cluster-leave", () =>
            {
                if (!IsLive(view.SelfMember.Status) || view.IsTerminated)
                {
                    return Task.CompletedTask;
                }

                cluster.Leave(cluster.SelfAddress);
                return view.WhenSelf(m => m.Status is MemberStatus.Exiting or MemberStatus.Down or MemberStatus.Removed);
            });
            shutdown.AddTask(CoordinatedShutdown.PhaseClusterExiting, "cluster-exiting", () =>
                view.SelfMember.Status == MemberStatus.Exiting && !view.IsTerminated
                    ? daemon.Ask<Done>(ExitingCompletedCommand.Instance, system.Settings.ShutdownPhaseTimeout)
                    : Task.CompletedTask);
        }

        shutdown.AddTask(CoordinatedShutdown.PhaseClusterShutdown, "cluster-shutdown", () =>
            daemon.GracefulStop(system.Settings.ShutdownPhaseTimeout));
    }

    private static bool IsLive(MemberStatus status) => status is MemberStatus.Joining or MemberStatus.WeaklyUp or MemberStatus.Up or MemberStatus.Leaving;
}
