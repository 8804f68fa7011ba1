using AkkaCompute.Hosting.Node;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static AkkaCompute.Hosting.Tests.Node.Conditions;

namespace AkkaCompute.Hosting.Tests.Node;

public class BurstEndCollectorTests
{
    private static readonly NodeActivity Idle = ScriptedActivity.Idle;
    private static readonly NodeActivity Busy = Idle with { Tasks = Idle.Tasks with { Known = 1, Running = 1 } };

    [Fact]
    public async Task It_collects_once_the_node_is_idle_and_quiet_with_enough_young_garbage_and_not_again_until_more_accrues()
    {
        var time = new FakeTimeProvider();
        var activity = new ScriptedActivity(Busy);
        var (collections, allocated) = (0, 0L);
        var (polls, collects) = (0, 0);
        using var stop = new CancellationTokenSource();
        var loop = BurstEndCollector.RunAsync(
            activity.ReadAsync,
            thresholdBytes: 1_000,
            NullLogger.Instance,
            time,
            counters: () => { Interlocked.Increment(ref polls); return (Volatile.Read(ref collections), Interlocked.Read(ref allocated)); },
            collect: () => { Interlocked.Increment(ref collects); Interlocked.Increment(ref collections); },
            cancellationToken: stop.Token);

        // Each poll waits until the loop read the counters; the loop reads them only after it finished the previous poll.
        async Task Poll(int times)
        {
            for (var i = 0; i < times; i++)
            {
                var before = Volatile.Read(ref polls);
                time.Advance(BurstEndCollector.PollInterval);
                await AwaitAsync(() => Volatile.Read(ref polls) > before);
            }
        }

        await Poll(3);
        Interlocked.Exchange(ref allocated, 999);
        await Poll(3);
        Assert.Equal(0, activity.Reads); // under the threshold the node is not even asked

        Interlocked.Exchange(ref allocated, 5_000);
        await Poll(3);
        Assert.True(activity.Reads >= 2); // asked, but busy: no collection
        Assert.Equal(0, Volatile.Read(ref collects));

        // A stream of short tasks: idle at every poll, but the counters move between polls.
        for (var i = 1; i <= 4; i++)
        {
            activity.Current = Idle with { Tasks = Idle.Tasks with { Known = i, Succeeded = i } };
            var asked = activity.Reads;
            await Poll(1);
            await AwaitAsync(() => activity.Reads > asked); // this poll read this activity
        }

        Assert.Equal(0, Volatile.Read(ref collects));

        activity.FailNext = true;
        activity.Current = Idle;
        await Poll(1); // a failed read changes nothing
        await Poll(2);
        await AwaitAsync(() => Volatile.Read(ref collects) == 1);
        await Poll(5);
        Assert.Equal(1, Volatile.Read(ref collects)); // paid off: nothing until more garbage accrues

        Interlocked.Exchange(ref allocated, 5_999);
        await Poll(3);
        Assert.Equal(1, Volatile.Read(ref collects));
        Interlocked.Exchange(ref allocated, 6_000);
        await Poll(2);
        await AwaitAsync(() => Volatile.Read(ref collects) == 2);

        await stop.CancelAsync();
        await loop.WaitAsync(TimeSpan.FromSeconds(10)); // cancellation ends it without throwing
    }
}
