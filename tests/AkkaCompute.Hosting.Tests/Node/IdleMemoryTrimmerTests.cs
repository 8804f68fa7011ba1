using AkkaCompute.Hosting.Node;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static AkkaCompute.Hosting.Tests.Node.Conditions;

namespace AkkaCompute.Hosting.Tests.Node;

public class IdleMemoryTrimmerTests
{
    private static readonly NodeActivity Idle = ScriptedActivity.Idle;

    [Fact]
    public void The_counters_are_polled_a_sixth_of_the_idle_time_apart_within_100_ms_and_5_s()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), IdleMemoryTrimmer.PollInterval(TimeSpan.FromSeconds(30)));
        Assert.Equal(TimeSpan.FromSeconds(5), IdleMemoryTrimmer.PollInterval(TimeSpan.FromHours(1)));
        Assert.Equal(TimeSpan.FromMilliseconds(500), IdleMemoryTrimmer.PollInterval(TimeSpan.FromSeconds(3)));
        Assert.Equal(TimeSpan.FromMilliseconds(100), IdleMemoryTrimmer.PollInterval(TimeSpan.FromMilliseconds(10)));
    }

    [Fact]
    public async Task It_trims_once_when_the_node_is_idle_again_after_work_and_skips_failed_reads()
    {
        var time = new FakeTimeProvider();
        var activity = new ScriptedActivity(Idle);
        var trims = 0;
        using var stop = new CancellationTokenSource();
        var loop = IdleMemoryTrimmer.RunAsync(
            activity.ReadAsync,
            TimeSpan.FromSeconds(30), NullLogger.Instance, time, () => { Interlocked.Increment(ref trims); return (2, 1, TimeSpan.FromMilliseconds(3)); }, stop.Token);

        // Each poll waits until the loop read the activity; a loop reads it only after it finished the previous poll, so the
        // counts checked after several polls are settled (only the last poll's trim may still be under way).
        async Task Poll(int times)
        {
            for (var i = 0; i < times; i++)
            {
                var before = activity.Reads;
                time.Advance(TimeSpan.FromSeconds(5));
                await AwaitAsync(() => activity.Reads > before);
            }
        }

        await Poll(6); // counters first read at 5 s, unchanged for 25 s
        Assert.Equal(0, trims);
        await Poll(1); // 30 s unchanged
        await AwaitAsync(() => Volatile.Read(ref trims) == 1); // the loop trims just after it read the activity
        await Poll(20);
        Assert.Equal(1, trims);

        activity.Current = Idle with { Tasks = Idle.Tasks with { Known = 3, Running = 3 } };
        await Poll(20);
        Assert.Equal(1, trims); // busy: never
        activity.Current = Idle with { Tasks = Idle.Tasks with { Known = 3, Succeeded = 3 } };
        activity.FailNext = true;
        await Poll(1); // a failed read changes nothing
        await Poll(6);
        Assert.Equal(1, trims);
        await Poll(1);
        await AwaitAsync(() => Volatile.Read(ref trims) == 2);

        await stop.CancelAsync();
        await loop.WaitAsync(TimeSpan.FromSeconds(10)); // cancellation ends it without throwing
    }
}
