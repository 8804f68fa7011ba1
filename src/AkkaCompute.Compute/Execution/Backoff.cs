namespace AkkaCompute.Compute.Execution;

/// <summary>
/// Retry delays: capped exponential backoff with jitter, after Marc Brooker, "Exponential Backoff
/// And Jitter", AWS Architecture Blog, 4 March 2015
/// (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/). Jitter spreads
/// the retries of many clients that failed together, so they do not all come back at once; the
/// post's simulations show "full jitter" doing the least work and "decorrelated jitter" finishing
/// a little sooner. Pure: the caller supplies a seeded <see cref="Random"/>.
/// </summary>
public static class Backoff
{
    /// <summary>
    /// The un-jittered delay before retry number <paramref name="attempt"/>:
    /// <c>min(maxDelay, baseDelay * 2^(attempt - 1))</c>, computed without overflow.
    /// </summary>
    /// <param name="attempt">1 for the first retry, 2 for the second, and so on.</param>
    /// <param name="baseDelay">The first retry's ceiling; zero or more.</param>
    /// <param name="maxDelay">The cap; at least <paramref name="baseDelay"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="attempt"/> is below 1, <paramref name="baseDelay"/> is negative, or <paramref name="maxDelay"/> is below <paramref name="baseDelay"/>.</exception>
    public static TimeSpan Ceiling(int attempt, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        Check(attempt, baseDelay, maxDelay);
        var shift = attempt - 1;
        if (baseDelay == TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        // baseDelay * 2^shift <= maxDelay  <=>  baseDelay <= maxDelay >> shift (for shift < 63).
        return shift >= 63 || baseDelay.Ticks > maxDelay.Ticks >> shift
            ? maxDelay
            : TimeSpan.FromTicks(baseDelay.Ticks << shift);
    }

    /// <summary>
    /// "Full jitter": a delay drawn uniformly from <c>[0, Ceiling(attempt, baseDelay, maxDelay)]</c>.
    /// </summary>
    /// <param name="attempt">1 for the first retry, 2 for the second, and so on.</param>
    /// <param name="baseDelay">The first retry's ceiling; zero or more.</param>
    /// <param name="maxDelay">The cap; at least <paramref name="baseDelay"/>.</param>
    /// <param name="random">A seeded source; one draw is taken.</param>
    /// <exception cref="ArgumentOutOfRangeException">As for <see cref="Ceiling"/>.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="random"/> is null.</exception>
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var ceiling = Ceiling(attempt, baseDelay, maxDelay);
        return TimeSpan.FromTicks(Uniform(random, 0, ceiling.Ticks));
    }

    /// <summary>
    /// "Decorrelated jitter": <c>min(maxDelay, uniform(baseDelay, previousDelay * 3))</c>, where
    /// <paramref name="previousDelay"/> is the last delay returned (use <paramref name="baseDelay"/>
    /// before the first retry). Never below <paramref name="baseDelay"/>.
    /// </summary>
    /// <param name="previousDelay">The previous delay (values below <paramref name="baseDelay"/> count as it).</param>
    /// <param name="baseDelay">The smallest delay; zero or more.</param>
    /// <param name="maxDelay">The cap; at least <paramref name="baseDelay"/>.</param>
    /// <param name="random">A seeded source; one draw is taken.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="baseDelay"/> is negative, or <paramref name="maxDelay"/> is below it.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="random"/> is null.</exception>
    public static TimeSpan DecorrelatedDelay(TimeSpan previousDelay, TimeSpan baseDelay, TimeSpan maxDelay, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        Check(1, baseDelay, maxDelay);
        var previous = Math.Max(previousDelay.Ticks, baseDelay.Ticks);
        var upper = previous > maxDelay.Ticks / 3 ? maxDelay.Ticks : previous * 3;
        return TimeSpan.FromTicks(Math.Min(maxDelay.Ticks, Uniform(random, baseDelay.Ticks, Math.Max(upper, baseDelay.Ticks))));
    }

    /// <summary>A uniform draw from [<paramref name="low"/>, <paramref name="high"/>], both inclusive, without overflow.</summary>
    private static long Uniform(Random random, long low, long high) =>
        high == long.MaxValue ? low + random.NextInt64(high - low) : random.NextInt64(low, high + 1);

    private static void Check(int attempt, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(baseDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, baseDelay);
    }
}
