using Akka.Actor;
using AkkaCompute.Node.Cluster;
using AkkaCompute.Node.Peer;

namespace AkkaCompute.Node.Tests.Cluster;

/// <summary>
/// A TestKit whose own system (<c>Sys</c>) is the seed of a cluster of actor systems in this process, all named <c>akc</c>,
/// on loopback (every message between them goes through Akka.Remote and the serializers).
/// </summary>
public abstract class ClusterTestKit : Akka.TestKit.Xunit2.TestKit
{
    private readonly List<ActorSystem> _others = [];

    protected ClusterTestKit()
        : base(ClusterTestConfig.Member, "akc")
    {
    }

    /// <summary>Another member's actor system (not joined yet), with the given roles; terminated after the test.</summary>
    protected ActorSystem Member(string name, string roles = "", string config = "")
    {
        var system = ActorSystem.Create("akc", Akka.Configuration.ConfigurationFactory.ParseString($"akka.cluster.roles = [{roles}]\n{config}").WithFallback(ClusterTestConfig.Member));
        _others.Add(system);
        return system;
    }

    /// <summary>
    /// Starts a PeerActor named <c>peer</c> on <c>Sys</c> with <paramref name="a"/>, and on two new members (<c>b</c> with the roles
    /// <paramref name="bRoles"/>, and <c>c</c>) with <paramref name="b"/> and <paramref name="c"/>, then forms the cluster
    /// (<see cref="FormCluster"/>). Returns the two members' systems.
    /// </summary>
    protected (ActorSystem B, ActorSystem C) StartThree(ComputeNodeOptions a, ComputeNodeOptions b, ComputeNodeOptions c, string bRoles = "")
    {
        var bSystem = Member("b", bRoles);
        var cSystem = Member("c");
        Sys.ActorOf(PeerActor.Props(a), "peer");
        bSystem.ActorOf(PeerActor.Props(b), "peer");
        cSystem.ActorOf(PeerActor.Props(c), "peer");
        FormCluster(bSystem, cSystem);
        return (bSystem, cSystem);
    }

    /// <summary>Joins <c>Sys</c> and <paramref name="systems"/> to <c>Sys</c> and waits until every PeerActor sees every member.</summary>
    protected void FormCluster(params ActorSystem[] systems)
    {
        var seed = Akka.Cluster.Cluster.Get(Sys).SelfAddress;
        Akka.Cluster.Cluster.Get(Sys).Join(seed);
        foreach (var system in systems)
        {
            Akka.Cluster.Cluster.Get(system).Join(seed);
        }

        // Every PeerActor's own view (it learns members from cluster events) holds every member before a test submits.
        AwaitCondition(() => systems.Append(Sys).All(s =>
            s.ActorSelection("/user/peer").Ask<MembershipSnapshot>(GetMembership.Instance, TimeSpan.FromSeconds(5)).Result.Members.Count == systems.Length + 1),
            TimeSpan.FromSeconds(30));
    }

    /// <inheritdoc />
    protected override void AfterAll()
    {
        foreach (var system in _others)
        {
            system.Terminate().Wait(TimeSpan.FromSeconds(20));
        }

        base.AfterAll();
    }
}
