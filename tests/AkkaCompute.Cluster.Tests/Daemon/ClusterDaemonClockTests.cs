using AkkaCompute.Remote;
using AkkaCompute.TestKit;

namespace AkkaCompute.Cluster.Tests.Daemon;

/// <summary>The daemon takes its time from the system's <see cref="TimeProvider"/>: with a manual clock, membership moves only when the clock does.</summary>
public sealed class ClusterDaemonClockTests
{
    [Fact]
    public async Task A_single_seed_becomes_Up_as_virtual_time_advances()
    {
        var clock = new ManualTimeProvider();
        var system = ActorSystem.Create("akc", new ActorSystemSettings { TimeProvider = clock, ShutdownPhaseTimeout = TimeSpan.FromSeconds(1) });
        try
        {
            var address = Remoting.Start(system, ClusterTestNodes.Remote).Address;
            var cluster = Cluster.Start(system, ClusterTestNodes.Fast([address]), new ClusterRunOptions { LeaveOnShutdown = false });

            for (var i = 0; i < 300 && cluster.SelfMember.Status != MemberStatus.Up; i++)
            {
                clock.Advance(TimeSpan.FromMilliseconds(100));
                await Task.Delay(5);
            }

            Assert.Equal(MemberStatus.Up, cluster.SelfMember.Status);
            Assert.Equal(cluster.SelfUniqueAddress, cluster.State.Leader);
        }
        finally
        {
            var terminated = system.Terminate();
            for (var i = 0; i < 1000 && !terminated.IsCompleted; i++)
            {
                clock.Advance(TimeSpan.FromMilliseconds(100));
                await Task.Delay(5);
            }

            await terminated.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }
}
