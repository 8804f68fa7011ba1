using AkkaCompute.Actors;
using AkkaCompute.Cluster;

namespace AkkaCompute.Cli.Commands;

/// <summary>
/// Prints the node's membership events as lines on stdout (<c>member Up akc.tcp://akc@10.0.0.2:2552</c>, <c>unreachable ...</c>,
/// <c>leader ...</c>) and records this node's own last live status in <see cref="NodeSelfStatus"/>, so that <c>akc node</c> can
/// tell a graceful leave from being downed.
/// </summary>
internal sealed class NodeEventPrinter : ReceiveActor
{
    public NodeEventPrinter(TextWriter stdout, UniqueAddress self, NodeSelfStatus selfStatus)
    {
        Receive<CurrentClusterState>(s =>
        {
            foreach (var m in s.Members)
            {
                selfStatus.Track(self, m);
                stdout.WriteLine($"member {m.Status} {m.Address}");
            }
        });
        Receive<MemberRemoved>(e => stdout.WriteLine($"member Removed {e.Member.Address} (was {e.PreviousStatus})"));
        Receive<MemberEvent>(e =>
        {
            selfStatus.Track(self, e.Member);
            stdout.WriteLine($"member {e.Member.Status} {e.Member.Address}");
        });
        Receive<UnreachableMember>(e => stdout.WriteLine($"unreachable {e.Member.Address}"));
        Receive<ReachableMember>(e => stdout.WriteLine($"reachable {e.Member.Address}"));
        Receive<LeaderChanged>(e => stdout.WriteLine($"leader {e.Leader?.Address.ToString() ?? "none"}"));
    }
}

/// <summary>This node's last live status seen in a membership event; Removed until it joined. Thread-safe.</summary>
internal sealed class NodeSelfStatus
{
    private int _status = (int)MemberStatus.Removed;

    /// <summary>The last live status.</summary>
    public MemberStatus Value => (MemberStatus)Volatile.Read(ref _status);

    /// <summary>Records <paramref name="member"/>'s status when it is this node and not Removed.</summary>
    public void Track(UniqueAddress self, Member member)
    {
        if (member.UniqueAddress.Equals(self) && member.Status != MemberStatus.Removed)
        {
            Volatile.Write(ref _status, (int)member.Status);
        }
    }
}
