using AkkaCompute.Cli.Running;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Cli.Tests;

public class JobTrackerTests
{
    [Fact]
    public void On_a_resume_the_rate_and_eta_count_only_tasks_finished_in_this_run()
    {
        var time = new SteppedTime();
        var ids = Enumerable.Range(1, 12).Select(i => "t" + i).ToList();
        var tracker = new JobTracker(ids, time);
        foreach (var id in ids.Take(10))
        {
            tracker.ApplyEarlier(Ok(id));
        }

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal((0, null), (tracker.Snapshot().RatePerSecond, tracker.Snapshot().Eta));

        tracker.Apply(Ok("t11"));
        var s = tracker.Snapshot();
        Assert.Equal(11, s.Succeeded);
        Assert.Equal(1.0, s.RatePerSecond, 9);
        Assert.Equal(TimeSpan.FromSeconds(1), s.Eta);
    }

    [Fact]
    public void A_result_given_again_as_earlier_is_not_subtracted_twice()
    {
        var time = new SteppedTime();
        var tracker = new JobTracker(["a", "b"], time);
        tracker.Apply(Ok("a"));
        tracker.ApplyEarlier(Ok("a"));
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(0.5, tracker.Snapshot().RatePerSecond, 9);
    }

    [Theory]
    [InlineData(0, 10, 5.0, 0.0, null)]
    [InlineData(4, 10, 0.0, 0.0, null)]
    [InlineData(4, 10, 2.0, 2.0, 5.0)]
    [InlineData(4, 0, 2.0, 2.0, 0.0)]
    public void Rate_is_finished_this_run_over_elapsed_and_eta_is_remaining_over_rate(int finished, int remaining, double elapsedSeconds, double rate, double? etaSeconds)
    {
        var (r, eta) = JobTracker.Rate(finished, remaining, TimeSpan.FromSeconds(elapsedSeconds));
        Assert.Equal(rate, r, 9);
        Assert.Equal(etaSeconds, eta?.TotalSeconds);
    }

    private static TaskResult Ok(string id) => new(id, TaskState.Succeeded, null, null, 1, 1000);

    /// <summary>A clock that moves only when told.</summary>
    private sealed class SteppedTime : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
