using Microsoft.Extensions.Logging;

namespace AkkaCompute.TestKit.Tests;

public class TestProbeTests : ActorTestKit
{
    [Fact]
    public void ExpectMsg_fails_on_wrong_type_wrong_value_and_timeout()
    {
        TestActor.Tell(1);
        Assert.Throws<TestKitAssertionException>(() => ExpectMsg<string>());
        TestActor.Tell(2);
        Assert.Throws<TestKitAssertionException>(() => ExpectMsg(3));
        var ex = Assert.Throws<TestKitAssertionException>(() => ExpectMsg<int>(timeout: TimeSpan.FromMilliseconds(50)));
        Assert.Contains("timeout", ex.Message);
    }

    [Fact]
    public void ExpectMsg_with_predicate()
    {
        TestActor.Tell(5);
        Assert.Equal(5, ExpectMsg<int>(i => i > 4));
        TestActor.Tell(1);
        Assert.Throws<TestKitAssertionException>(() => ExpectMsg<int>(i => i > 4));
    }

    [Fact]
    public void ExpectNoMsg_fails_when_a_message_arrives()
    {
        var probe = CreateTestProbe();
        probe.Ref.Tell("surprise");
        probe.AwaitCondition(() => probe.HasMessages, TimeSpan.FromSeconds(10)); // delivery is asynchronous; do not race it

        Assert.Throws<TestKitAssertionException>(() => probe.ExpectNoMsg(TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public void ExpectMsgAllOf_accepts_any_order_and_rejects_extras()
    {
        TestActor.Tell("b");
        TestActor.Tell("a");
        ExpectMsgAllOf("a", "b");
        TestActor.Tell("a");
        TestActor.Tell("c");
        Assert.Throws<TestKitAssertionException>(() => ExpectMsgAllOf("a", "b"));
    }

    [Fact]
    public void FishForMessage_skips_until_match_and_ReceiveN_counts()
    {
        for (var i = 0; i < 5; i++)
        {
            TestActor.Tell(i);
        }

        Assert.Equal(3, FishForMessage(m => m is 3));
        Assert.Equal([4], ReceiveN(1));
        Assert.Throws<TestKitAssertionException>(() => ReceiveN(1, TimeSpan.FromMilliseconds(50)));
    }

    [Fact]
    public void Within_bounds_nested_expectations_and_fails_slow_blocks()
    {
        var ex = Assert.Throws<TestKitAssertionException>(() => Within(TimeSpan.FromMilliseconds(100), () => ExpectMsg<int>()));
        Assert.Contains("timeout", ex.Message);
        Assert.True(Within(TimeSpan.FromSeconds(1), () =>
        {
            TestActor.Tell(1);
            return ExpectMsg<int>() == 1;
        }));
    }

    [Fact]
    public void ExpectTerminated_after_Watch()
    {
        var probe = CreateTestProbe();
        var target = Sys.ActorOf(Props.Empty);
        probe.Watch(target);
        Sys.Stop(target);
        probe.ExpectTerminated(target);
    }

    [Fact]
    public void AwaitCondition_and_AwaitAssert_pass_or_fail_at_deadline()
    {
        var flag = 0;
        ThreadPool.QueueUserWorkItem(_ => Interlocked.Exchange(ref flag, 1));
        AwaitCondition(() => Volatile.Read(ref flag) == 1);
        Assert.Throws<TestKitAssertionException>(() => AwaitCondition(() => false, TimeSpan.FromMilliseconds(50)));
        Assert.Throws<InvalidOperationException>(() => AwaitAssert(() => throw new InvalidOperationException("never"), TimeSpan.FromMilliseconds(50)));
    }

    [Fact]
    public void Reply_goes_to_last_sender()
    {
        var other = CreateTestProbe();
        other.Send(TestActor, "question");
        ExpectMsg("question");
        Probe.Reply("answer");
        other.ExpectMsg("answer");
    }

    [Fact]
    public void Dead_letter_and_log_assertions()
    {
        var a = Sys.ActorOf(Props.Empty);
        Watch(a);
        Sys.Stop(a);
        ExpectTerminated(a);
        a.Tell("late");
        ExpectDeadLetter<string>(s => s == "late");
        ExpectLog(LogLevel.Information, "Dead letter");
        Assert.Throws<TestKitAssertionException>(() => ExpectLog(LogLevel.Critical, "never logged", TimeSpan.FromMilliseconds(50)));
    }

    [Fact]
    public void Time_factor_dilates_durations()
    {
        var settings = new TestKitSettings { TimeFactor = 2.5 };
        Assert.Equal(TimeSpan.FromSeconds(5), settings.Dilated(TimeSpan.FromSeconds(2)));
    }
}
