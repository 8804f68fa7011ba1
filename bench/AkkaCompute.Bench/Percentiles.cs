namespace AkkaCompute.Bench;

/// <summary>Percentiles of measured samples, as every suite reports them.</summary>
internal static class Percentiles
{
    /// <summary>
    /// The nearest-rank percentile <paramref name="p"/> (0 to 1, e.g. 0.99) of <paramref name="samples"/>, in their unit: the
    /// smallest sample with at least p of the samples at or below it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="samples"/> is empty.</exception>
    public static double Of(IReadOnlyCollection<double> samples, double p)
    {
        var sorted = samples.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }
}
