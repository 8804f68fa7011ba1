using AkkaCompute.Compute.Execution;
using FsCheck;
using FsCheck.Fluent;

namespace AkkaCompute.Compute.Tests.Execution;

public sealed class BackoffTests
{
    private static readonly TimeSpan Base = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(1, 100)]
    [InlineData(2, 200)]
    [InlineData(3, 400)]
    [InlineData(7, 6_400)]
    [InlineData(8, 10_000)]
    [InlineData(64, 10_000)]
    [InlineData(int.MaxValue, 10_000)]
    public void The_ceiling_doubles_per_attempt_up_to_the_cap(int attempt, int expectedMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), Backoff.Ceiling(attempt, Base, Max));

    [Fact]
    public void Extreme_values_do_not_overflow()
    {
        Assert.Equal(TimeSpan.MaxValue, Backoff.Ceiling(100, TimeSpan.FromTicks(1), TimeSpan.MaxValue));
        Assert.Equal(TimeSpan.FromTicks(1L << 62), Backoff.Ceiling(63, TimeSpan.FromTicks(1), TimeSpan.MaxValue));
        Assert.InRange(Backoff.Delay(1000, TimeSpan.FromDays(1), TimeSpan.MaxValue, new Random(1)), TimeSpan.Zero, TimeSpan.MaxValue);
        Assert.InRange(Backoff.DecorrelatedDelay(TimeSpan.MaxValue, TimeSpan.Zero, TimeSpan.MaxValue, new Random(1)), TimeSpan.Zero, TimeSpan.MaxValue);
        Assert.Equal(TimeSpan.Zero, Backoff.Delay(5, TimeSpan.Zero, TimeSpan.Zero, new Random(1)));
    }

    [Fact]
    public void Full_jitter_stays_within_zero_and_the_ceiling_for_any_input()
    {
        var gen =
            from attempt in Gen.Choose(1, 200)
            from baseMs in Gen.Choose(0, 10_000)
            from extraMs in Gen.Choose(0, 1_000_000)
            from seed in Gen.Choose(0, int.MaxValue)
            select (attempt, baseMs, maxMs: baseMs + extraMs, seed);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1_000), Prop.ForAll(Arb.From(gen), x =>
        {
            var baseDelay = TimeSpan.FromMilliseconds(x.baseMs);
            var maxDelay = TimeSpan.FromMilliseconds(x.maxMs);
            var delay = Backoff.Delay(x.attempt, baseDelay, maxDelay, new Random(x.seed));
            var ceiling = Backoff.Ceiling(x.attempt, baseDelay, maxDelay);
            return delay >= TimeSpan.Zero && delay <= ceiling && ceiling <= maxDelay;
        }));
    }

    [Fact]
    public void Decorrelated_jitter_stays_within_base_and_max_along_a_chain()
    {
        var gen =
            from baseMs in Gen.Choose(0, 1_000)
            from extraMs in Gen.Choose(0, 100_000)
            from seed in Gen.Choose(0, int.MaxValue)
            select (baseMs, maxMs: baseMs + extraMs, seed);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(Arb.From(gen), x =>
        {
            var baseDelay = TimeSpan.FromMilliseconds(x.baseMs);
            var maxDelay = TimeSpan.FromMilliseconds(x.maxMs);
            var random = new Random(x.seed);
            var previous = baseDelay;
            for (var i = 0; i < 50; i++)
            {
                var next = Backoff.DecorrelatedDelay(previous, baseDelay, maxDelay, random);
                if (next < baseDelay || next > maxDelay || next > TimeSpan.FromTicks(Math.Max(previous.Ticks, baseDelay.Ticks) * 3))
                {
                    return false;
                }

                previous = next;
            }

            return true;
        }));
    }

    [Fact]
    public void The_same_seed_gives_the_same_delays()
    {
        var a = new Random(42);
        var b = new Random(42);
        var first = Enumerable.Range(1, 20).Select(n => Backoff.Delay(n, Base, Max, a)).ToList();
        var second = Enumerable.Range(1, 20).Select(n => Backoff.Delay(n, Base, Max, b)).ToList();
        Assert.Equal(first, second);
        Assert.True(first.Distinct().Count() > 15, "jitter should spread the delays");
    }

    [Fact]
    public void Full_jitter_is_uniform_over_the_range()
    {
        var random = new Random(7);
        var ceiling = Backoff.Ceiling(4, Base, Max);
        var samples = Enumerable.Range(0, 20_000).Select(_ => Backoff.Delay(4, Base, Max, random).TotalMilliseconds).ToList();
        Assert.InRange(samples.Average(), ceiling.TotalMilliseconds * 0.48, ceiling.TotalMilliseconds * 0.52);
        Assert.InRange(samples.Count(s => s < ceiling.TotalMilliseconds / 4), 4_500, 5_500);
    }

    [Fact]
    public void Invalid_arguments_are_refused()
    {
        var random = new Random(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => Backoff.Delay(0, Base, Max, random));
        Assert.Throws<ArgumentOutOfRangeException>(() => Backoff.Delay(1, TimeSpan.FromMilliseconds(-1), Max, random));
        Assert.Throws<ArgumentOutOfRangeException>(() => Backoff.Delay(1, Max, Base, random));
        Assert.Throws<ArgumentNullException>(() => Backoff.Delay(1, Base, Max, null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => Backoff.DecorrelatedDelay(Base, Max, Base, random));
    }
}
