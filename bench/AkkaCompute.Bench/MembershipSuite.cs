namespace AkkaCompute.Bench;

/// <summary>
/// <c>bench/run membership</c>: Akka.Cluster membership with real <c>akc node</c> processes.
/// <list type="bullet">
/// <item><c>real_failure_removed_s</c>: 5 <c>akc node</c> processes (Akka.Cluster members) on loopback with the <c>lan</c> profile
/// (hocon/lan.conf); wall seconds from kill -9 of a non-seed until every survivor has removed it, median of 3 kills (1 with quick;
/// <c>real_failure_removed_max_s</c>: the slowest). Goal: at most 5 s. See <see cref="RealClusterFailure"/>.</item>
/// </list>
/// The figures of the home-made membership protocol's simulator (sim_*) went with it: membership is Akka.Cluster's now.
/// Goals and whether they are met go to stderr; stdout has only the JSON lines.
/// </summary>
public static class MembershipSuite
{
    private const string Suite = "membership";

    /// <summary>Runs the suite; <paramref name="quick"/> runs one real kill instead of three (the median is reported).</summary>
    public static IEnumerable<BenchResult> Run(bool quick)
    {
        var kills = quick ? 1 : 3;
        var real = RealClusterFailure.Measure(kills).Order().ToList();
        var realMedian = real[real.Count / 2];
        Goal("real_failure_removed_s", realMedian, $"<= 5 s (5 akc node processes, lan profile, kill -9 until Removed on every survivor; median of {kills}: {string.Join(", ", real.Select(t => t.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))})", realMedian <= 5);
        yield return new BenchResult(Suite, "real_failure_removed_s", realMedian, "s");
        yield return new BenchResult(Suite, "real_failure_removed_max_s", real[^1], "s");
    }

    private static void Goal(string metric, double value, string goal, bool met) =>
        Console.Error.WriteLine($"membership: {metric} = {value:F2}, goal {goal}: {(met ? "met" : "MISSED")}");
}
