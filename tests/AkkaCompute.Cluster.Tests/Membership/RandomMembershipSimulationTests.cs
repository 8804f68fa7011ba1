using AkkaCompute.Cluster.Sbr;
using static AkkaCompute.Cluster.Tests.TestNodes;

namespace AkkaCompute.Cluster.Tests.Membership;

/// <summary>
/// A tiny seeded simulation of several nodes running the pure membership functions the way Akka's cluster daemon does (join,
/// gossip with Akka's receive rules, reaper, leader actions, leave, down, partitions, crashes). After every step the changed
/// node's gossip must pass <see cref="MembershipInvariants.CheckTransition"/>, and any two nodes holding the same version must
/// hold the same members.
/// </summary>
public sealed class RandomMembershipSimulationTests
{
    private sealed class Sim
    {
        private readonly Random _random;
        private readonly int _size;
        private readonly Gossip?[] _gossip;
        private readonly bool[] _alive;
        private readonly bool[,] _link;
        private readonly long[] _uid;
        private readonly HashSet<UniqueAddress> _everUp = [];
        private readonly HashSet<UniqueAddress> _everRemoved = [];
        private readonly KeepMajority _sbr = new();

        // The last changes, formatted only when a check fails.
        private readonly Queue<(int Step, int Node, string Op, Gossip Gossip)> _log = new();

        public Sim(int seed, int size)
        {
            _random = new Random(seed);
            _size = size;
            _gossip = new Gossip?[size + 1];
            _alive = new bool[size + 1];
            _link = new bool[size + 1, size + 1];
            _uid = Enumerable.Range(0, size + 1).Select(i => (long)i).ToArray();
            for (var a = 1; a <= size; a++)
            {
                for (var b = 1; b <= size; b++)
                {
                    _link[a, b] = true;
                }
            }

            // Node 1 joins itself.
            _alive[1] = true;
            _gossip[1] = G(Member.Create(Self(1))).Increment(Clock(1)).OnlySeen(Self(1));
        }

        public int Steps { get; private set; }

        public string Log => string.Join("\n", _log.Select(e => $"step {e.Step} node {e.Node} {e.Op}: {e.Gossip}"));

        /// <summary>Distinct incarnations some node saw move Up.</summary>
        public int UpTransitions => _everUp.Count;

        /// <summary>Distinct incarnations some node saw removed.</summary>
        public int Removals => _everRemoved.Count;

        private static int Index(UniqueAddress node) => (int)(node.Uid % 100);

        private UniqueAddress Self(int i) => Node(i, _uid[i]);

        private VectorClockNode Clock(int i) => VectorClockNode.For(Self(i));

        public void Step()
        {
            Steps++;
            var roll = _random.Next(100);
            switch (roll)
            {
                case < 8: Join(); break;
                case < 55: GossipOnce(); break;
                case < 63: Reap(Pick()); break;
                case < 78: Leader(Pick()); break;
                case < 80: Leave(Pick()); break;
                case < 81: Down(Pick(), _random.Next(1, _size + 1)); break;
                case < 85: SplitBrainResolver(Pick()); break;
                case < 90: ToggleLink(); break;
                case < 91: Crash(Pick()); break;
                default: ShutdownIfDownOrExiting(Pick()); break;
            }

            CheckSameVersionSameMembers();
        }

        private int Pick()
        {
            var alive = Enumerable.Range(1, _size).Where(i => _alive[i] && _gossip[i] is not null).ToList();
            return alive.Count == 0 ? 1 : alive[_random.Next(alive.Count)];
        }

        private void Update(int node, Gossip after, [System.Runtime.CompilerServices.CallerMemberName] string op = "")
        {
            var before = _gossip[node]!;
            _log.Enqueue((Steps, node, op, after));
            if (_log.Count > 25)
            {
                _log.Dequeue();
            }

            MembershipInvariants.CheckTransition(before, after);
            _everUp.UnionWith(after.Members.Where(m => m.Status == MemberStatus.Up).Select(m => m.UniqueAddress));
            _everRemoved.UnionWith(before.Members.Where(m => !after.HasMember(m.UniqueAddress)).Select(m => m.UniqueAddress));
            _gossip[node] = after;
        }

        private Gossip Stamp(int node, Gossip g) => g.Increment(Clock(node)).OnlySeen(Self(node));

        /// <summary>A node that is not running starts a new incarnation and joins through a running member.</summary>
        private void Join()
        {
            if (!_alive.Any(a => a))
            {
                // Everyone is gone: node 1 starts a new cluster by joining itself, as the first seed node does.
                _uid[1] += 100;
                _alive[1] = true;
                _gossip[1] = G(Member.Create(Self(1))).Increment(Clock(1)).OnlySeen(Self(1));
                return;
            }

            var candidates = Enumerable.Range(1, _size).Where(i => !_alive[i]).ToList();
            var contact = Pick();
            if (candidates.Count == 0 || !_alive[contact])
            {
                return;
            }

            var joiner = candidates[_random.Next(candidates.Count)];
            var local = _gossip[contact]!;
            // As Akka: a new incarnation may join only once the old one at that address is removed.
            if (!_link[joiner, contact] || local.GetMember(Self(contact)).Status is MemberStatus.Down or MemberStatus.Exiting ||
                local.Members.Any(m => m.Address.Equals(Addr(joiner))))
            {
                return;
            }

            if (_gossip[joiner] is not null || joiner == 1)
            {
                _uid[joiner] += 100;
            }

            var g = Stamp(contact, local.AddMember(Member.Create(Self(joiner))));
            Update(contact, g);
            _alive[joiner] = true;
            _gossip[joiner] = g.Seen(Self(joiner)); // the Welcome message carries the contact's gossip
            MembershipInvariants.Check(_gossip[joiner]!);
        }

        /// <summary>The leader runs keep-majority on its view (stable-after elapsed) and downs what it decides.</summary>
        private void SplitBrainResolver(int node)
        {
            var g = _gossip[node]!;
            if (!Self(node).Equals(g.Leader(Self(node))))
            {
                return;
            }

            var decision = _sbr.Decide(SbrView.FromGossip(g, Self(node)));
            foreach (var target in decision.NodesToDown)
            {
                g = g.MarkAsDown(g.GetMember(target));
            }

            if (!decision.NodesToDown.IsEmpty)
            {
                Update(node, Stamp(node, g));
            }
        }

        private void GossipOnce()
        {
            var from = Pick();
            var targets = _gossip[from]!.Members.Select(m => m.UniqueAddress).Where(n => n != Self(from)).ToList();
            if (targets.Count == 0)
            {
                return;
            }

            var target = targets[_random.Next(targets.Count)];
            var to = Index(target);
            if (!_alive[from] || !_alive[to] || !_link[from, to] || !Self(to).Equals(target))
            {
                return;
            }

            var result = GossipReceiver.Receive(new MembershipState(_gossip[to]!, Self(to)), Self(from), _gossip[from]!);
            if (result.Outcome != GossipReceiveOutcome.Ignored)
            {
                Update(to, result.Gossip);
            }
        }

        private void Reap(int node)
        {
            var g = _gossip[node]!;
            var reach = g.Overview.Reachability;
            foreach (var m in g.Members)
            {
                var other = Index(m.UniqueAddress);
                if (other == node)
                {
                    continue;
                }

                var available = _alive[other] && _link[node, other] && Self(other).Equals(m.UniqueAddress);
                var status = reach.Status(Self(node), m.UniqueAddress);
                if (!available && status == ReachabilityStatus.Reachable)
                {
                    reach = reach.Unreachable(Self(node), m.UniqueAddress);
                }
                else if (available && status == ReachabilityStatus.Unreachable)
                {
                    reach = reach.Reachable(Self(node), m.UniqueAddress);
                }
            }

            if (!ReferenceEquals(reach, g.Overview.Reachability))
            {
                Update(node, Stamp(node, g.Copy(overview: g.Overview with { Reachability = reach })));
            }
        }

        private void Leader(int node)
        {
            var result = LeaderActions.Compute(
                new MembershipState(_gossip[node]!, Self(node)),
                new LeaderActionsOptions { MoveJoiningToWeaklyUp = _random.Next(2) == 0 });
            if (result.Changed)
            {
                Assert.NotEmpty(result.Events);
                Update(node, result.Gossip);
            }
        }

        private void Leave(int node)
        {
            var g = _gossip[node]!;
            var self = g.GetMember(Self(node));
            if (self.Status is MemberStatus.Joining or MemberStatus.WeaklyUp or MemberStatus.Up)
            {
                Update(node, Stamp(node, g.UpdateMember(self.Copy(MemberStatus.Leaving))));
            }
        }

        private void Down(int node, int target)
        {
            var g = _gossip[node]!;
            if (g.TryGetMember(Self(target), out var m) && m.Status != MemberStatus.Down)
            {
                Update(node, Stamp(node, g.MarkAsDown(m)));
            }
        }

        private void ToggleLink()
        {
            var a = _random.Next(1, _size + 1);
            var b = _random.Next(1, _size + 1);
            if (a != b)
            {
                _link[a, b] = _link[b, a] = !_link[a, b];
            }
        }

        private void Crash(int node)
        {
            _alive[node] = false;
        }

        private void ShutdownIfDownOrExiting(int node)
        {
            var status = _gossip[node]!.GetMember(Self(node)).Status;
            if (status is MemberStatus.Down or MemberStatus.Exiting or MemberStatus.Removed)
            {
                _alive[node] = false;
            }
        }

        private void CheckSameVersionSameMembers()
        {
            for (var a = 1; a <= _size; a++)
            {
                for (var b = a + 1; b <= _size; b++)
                {
                    var ga = _gossip[a];
                    var gb = _gossip[b];
                    if (ga is null || gb is null || ga.Version.Compare(gb.Version) != VectorClockOrdering.Same)
                    {
                        continue;
                    }

                    var same = ga.Members.Select(m => (m.UniqueAddress, m.Status, m.UpNumber))
                        .SequenceEqual(gb.Members.Select(m => (m.UniqueAddress, m.Status, m.UpNumber)))
                        && ga.Overview.Reachability.Equals(gb.Overview.Reachability);
                    Assert.True(same, $"nodes {a} and {b} hold the same version with different contents:\n{ga}\n{gb}");
                }
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(20250611)]
    [InlineData(424242)]
    public void Random_runs_keep_every_invariant(int seed)
    {
        var sim = new Sim(seed, size: 6);
        for (var i = 0; i < 20_000; i++)
        {
            try
            {
                sim.Step();
            }
            catch (Exception e) when (e is InvariantViolationException or Xunit.Sdk.XunitException)
            {
                throw new InvalidOperationException($"seed {seed}, step {sim.Steps}: {e.Message}\n{sim.Log}", e);
            }
        }

        // The run must have exercised the interesting paths, or it proves little.
        Assert.True(sim.UpTransitions > 10, $"only {sim.UpTransitions} incarnations moved Up");
        Assert.True(sim.Removals > 5, $"only {sim.Removals} incarnations were removed");
    }

    [Fact]
    public void A_forming_cluster_converges_and_moves_everyone_up()
    {
        var g1 = G(Member.Create(Node(1))).Increment(V(1)).OnlySeen(Node(1));
        g1 = LeaderActions.Compute(new MembershipState(g1, Node(1))).Gossip;
        Assert.Equal(MemberStatus.Up, g1.GetMember(Node(1)).Status);

        g1 = g1.AddMember(Member.Create(Node(2))).Increment(V(1)).OnlySeen(Node(1));
        var g2 = g1.Seen(Node(2));
        g1 = g2.MergeSeen(g1);
        var result = LeaderActions.Compute(new MembershipState(g1, Node(1)));
        Assert.True(result.Converged);
        Assert.Equal(MemberStatus.Up, result.Gossip.GetMember(Node(2)).Status);
        Assert.Equal(2, result.Gossip.GetMember(Node(2)).UpNumber);
    }
}
