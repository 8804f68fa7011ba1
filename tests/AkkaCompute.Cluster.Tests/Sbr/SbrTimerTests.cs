using AkkaCompute.Cluster.Sbr;
using static AkkaCompute.Cluster.Tests.Sbr.SbrTestViews;
using static AkkaCompute.Cluster.Tests.TestNodes;

namespace AkkaCompute.Cluster.Tests.Sbr;

public sealed class SbrTimerTests
{
    private static readonly TimeSpan StableAfter = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Unstable = TimeSpan.FromSeconds(15);
    private static readonly KeepMajority Strategy = new();

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    private static SbrTimer Start(TimeSpan? unstable = null) => SbrTimer.Start(TimeSpan.Zero, StableAfter, unstable ?? Unstable);

    /// <summary>Ticks at each time with the same view; returns the last outcome and asserts no decision before it.</summary>
    private static SbrTick TickThrough(SbrTimer timer, SbrView view, bool isLeader, params double[] seconds)
    {
        SbrTick? tick = null;
        foreach (var s in seconds)
        {
            if (tick is not null)
            {
                Assert.Equal(SbrTrigger.None, tick.Trigger);
            }

            tick = (tick?.Timer ?? timer).Tick(S(s), view, Strategy, isLeader);
        }

        return tick!;
    }

    [Fact]
    public void The_leader_decides_once_the_unreachable_set_has_been_stable_for_stable_after()
    {
        var view = View(1, Up(5), 4, 5);
        var before = TickThrough(Start(), view, true, 0, 10, 19.999);
        Assert.Equal(SbrTrigger.None, before.Trigger);
        Assert.Equal(S(20), before.Timer.StableDeadline);

        var at = before.Timer.Tick(S(20), view, Strategy, isLeader: true);
        Assert.Equal(SbrTrigger.StableAfter, at.Trigger);
        AssertDecision(at.Decision, SbrDecisionKind.DownUnreachable, 4, 5);
    }

    [Fact]
    public void A_node_that_is_not_the_leader_never_decides_on_its_own()
    {
        var tick = TickThrough(Start(), View(1, Up(5), 4, 5), false, 0, 20, 30);
        Assert.Equal(SbrTrigger.None, tick.Trigger);
    }

    [Fact]
    public void A_leader_that_is_still_joining_is_not_responsible()
    {
        var members = Up(5).Select(m => m.UniqueAddress == Node(1) ? M(1, MemberStatus.Joining) : m).ToArray();
        Assert.Equal(SbrTrigger.None, TickThrough(Start(), View(1, members, 4, 5), true, 0, 25).Trigger);
    }

    [Fact]
    public void A_change_of_the_unreachable_set_restarts_the_stable_period()
    {
        var t = Start().Tick(S(0), View(1, Up(5), 5), Strategy, true).Timer;
        t = t.Tick(S(10), View(1, Up(5), 4, 5), Strategy, true).Timer;
        Assert.Equal(S(30), t.StableDeadline);
        Assert.Equal(SbrTrigger.None, t.Tick(S(29), View(1, Up(5), 4, 5), Strategy, true).Trigger);
        var at = t.Tick(S(30), View(1, Up(5), 4, 5), Strategy, true);
        AssertDecision(at.Decision, SbrDecisionKind.DownUnreachable, 4, 5);
    }

    [Fact]
    public void A_member_becoming_up_restarts_the_stable_period()
    {
        var joining = Up(4).Append(M(5, MemberStatus.Joining)).ToArray();
        var t = Start().Tick(S(0), View(1, joining, 4), Strategy, true).Timer;
        t = t.Tick(S(15), View(1, Up(5), 4), Strategy, true).Timer;
        Assert.Equal(S(35), t.StableDeadline);
        Assert.Equal(1, t.ChangeCount);
    }

    [Fact]
    public void Nothing_unreachable_means_nothing_to_decide()
    {
        Assert.Equal(SbrTrigger.None, TickThrough(Start(), View(1, Up(3)), true, 0, 100).Trigger);
    }

    [Fact]
    public void After_a_decision_the_stable_period_restarts()
    {
        var view = View(1, Up(5), 4, 5);
        var decided = TickThrough(Start(), view, true, 0, 20);
        Assert.Equal(SbrTrigger.StableAfter, decided.Trigger);
        Assert.Equal(0, decided.Timer.ChangeCount);
        Assert.Equal(SbrTrigger.None, decided.Timer.Tick(S(21), view, Strategy, true).Trigger);
        Assert.Equal(SbrTrigger.StableAfter, decided.Timer.Tick(S(40), view, Strategy, true).Trigger);
    }

    [Fact]
    public void Reachability_that_keeps_changing_downs_all_after_stable_after_plus_down_all_when_unstable_on_every_node()
    {
        var a = View(2, Up(5), 4);
        var b = View(2, Up(5), 4, 5);
        var timer = Start();
        SbrTick tick = null!;
        for (var s = 0; s <= 35; s += 5)
        {
            tick = timer.Tick(S(s), s % 10 == 0 ? a : b, Strategy, isLeader: false);
            Assert.Equal(SbrTrigger.None, tick.Trigger);
            timer = tick.Timer;
        }

        Assert.Equal(S(0), timer.FirstChange);
        Assert.Equal(8, timer.ChangeCount);
        var down = timer.Tick(S(35.001), a, Strategy, isLeader: false);
        Assert.Equal(SbrTrigger.DownAllWhenUnstable, down.Trigger);
        AssertDecision(down.Decision, SbrDecisionKind.DownAll, 1, 2, 3, 4, 5);
        Assert.Equal(0, down.Timer.ChangeCount);
    }

    [Fact]
    public void With_down_all_when_unstable_off_instability_never_downs_all_and_the_statistics_reset_when_quiet()
    {
        var a = View(2, Up(5), 4);
        var b = View(2, Up(5), 4, 5);
        var timer = Start(TimeSpan.Zero);
        for (var s = 0; s <= 100; s += 5)
        {
            var tick = timer.Tick(S(s), s % 10 == 0 ? a : b, Strategy, isLeader: false);
            Assert.Equal(SbrTrigger.None, tick.Trigger);
            timer = tick.Timer;
        }

        Assert.True(timer.ChangeCount > 0);
        var quiet = timer.Tick(S(140), a, Strategy, false).Timer;
        Assert.True(quiet.ChangeCount > 0);
        timer = timer.Tick(S(140.001), a, Strategy, false).Timer;
        Assert.Equal(0, timer.ChangeCount);
    }

    [Fact]
    public void Healing_resets_the_instability_statistics()
    {
        var t = Start().Tick(S(0), View(1, Up(5), 5), Strategy, false).Timer;
        Assert.Equal(1, t.ChangeCount);
        t = t.Tick(S(5), View(1, Up(5)), Strategy, false).Timer;
        Assert.Equal(0, t.ChangeCount);
        t = t.Tick(S(30), View(1, Up(5), 5), Strategy, false).Timer;
        Assert.Equal(S(30), t.FirstChange);
        Assert.Equal(SbrTrigger.None, t.Tick(S(60), View(1, Up(5), 4, 5), Strategy, false).Trigger);
    }

    [Fact]
    public void Downed_unreachable_members_reset_the_statistics()
    {
        var t = Start().Tick(S(0), View(1, Up(5), 5), Strategy, false).Timer;
        var downed = Up(4).Append(M(5, MemberStatus.Down)).ToArray();
        t = t.Tick(S(1), View(1, downed, 5), Strategy, false).Timer;
        Assert.Equal(0, t.ChangeCount);
    }

    [Fact]
    public void Start_validates_and_takes_the_settings()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SbrTimer.Start(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => SbrTimer.Start(TimeSpan.Zero, S(1), S(-1)));
        var t = SbrTimer.Start(S(100), SplitBrainResolverSettings.Default);
        Assert.Equal(S(120), t.StableDeadline);
        Assert.Equal(S(15), t.DownAllWhenUnstable);
    }
}
