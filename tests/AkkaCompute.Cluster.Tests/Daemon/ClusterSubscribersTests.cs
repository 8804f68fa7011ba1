using AkkaCompute.Cluster.Daemon;
using AkkaCompute.TestKit;

namespace AkkaCompute.Cluster.Tests.Daemon;

public sealed class ClusterSubscribersTests : IAsyncLifetime
{
    private readonly ActorSystem _system = ActorSystem.Create("subscribers");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _system.Terminate();

    [Fact]
    public void A_subscriber_gets_the_events_that_are_instances_of_its_types_in_order()
    {
        var subscribers = new ClusterSubscribers();
        var members = new TestProbe(_system);
        var reachability = new TestProbe(_system);
        subscribers.Add(members.Ref, [typeof(MemberEvent)]);
        subscribers.Add(reachability.Ref, [typeof(UnreachableMember), typeof(ReachableMember)]);
        ClusterEvent[] events =
        [
            new MemberUp(TestNodes.M(1)),
            new UnreachableMember(TestNodes.M(2)),
            new MemberRemoved(Member.Removed(TestNodes.Node(3)), MemberStatus.Down),
            new LeaderChanged(TestNodes.Node(1)),
        ];

        subscribers.Publish(events, ActorRefs.NoSender);

        members.ExpectMsg<MemberUp>();
        members.ExpectMsg<MemberRemoved>();
        reachability.ExpectMsg<UnreachableMember>();
        members.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        reachability.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Unsubscribing_one_type_keeps_the_others_and_the_last_type_removes_the_subscriber()
    {
        var subscribers = new ClusterSubscribers();
        var probe = new TestProbe(_system);
        subscribers.Add(probe.Ref, [typeof(MemberUp), typeof(LeaderChanged)]);

        Assert.False(subscribers.Remove(probe.Ref, typeof(MemberUp)));
        Assert.Equal(1, subscribers.Count);
        Assert.True(subscribers.Remove(probe.Ref, typeof(LeaderChanged)));
        Assert.Equal(0, subscribers.Count);
    }

    [Fact]
    public void The_table_is_bounded()
    {
        var subscribers = new ClusterSubscribers();
        for (var i = 0; i < ClusterSubscribers.MaxSubscribers; i++)
        {
            Assert.True(subscribers.Add(new TestProbe(_system).Ref, [typeof(MemberUp)]));
        }

        Assert.False(subscribers.Add(new TestProbe(_system).Ref, [typeof(MemberUp)]));
        Assert.Equal(ClusterSubscribers.MaxSubscribers, subscribers.Count);
    }
}
