using System.Text.Json;
using System.Text.Json.Serialization;

namespace AkkaCompute.Bench;

/// <summary>
/// One benchmark figure, printed as one JSON object per line:
/// <c>{"suite","metric","value","unit"}</c> plus <c>"baseline"</c> and <c>"ratio"</c> (value / baseline)
/// when a baseline was measured in the same run.
/// </summary>
/// <param name="Suite">The suite name given to <c>bench/run</c>, e.g. <c>actors</c>.</param>
/// <param name="Metric">Metric name with its unit last, e.g. <c>pingpong_1pair_msgs_per_s</c>.</param>
/// <param name="Value">The measured value, in <paramref name="Unit"/>.</param>
/// <param name="Unit">Unit of <paramref name="Value"/> and <paramref name="Baseline"/>, e.g. <c>msgs/s</c>.</param>
/// <param name="Baseline">The same measurement on the baseline implementation, or null.</param>
public sealed record BenchResult(string Suite, string Metric, double Value, string Unit, double? Baseline = null)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Value divided by baseline, rounded to 3 decimals; null without a baseline.</summary>
    public double? Ratio => Baseline is { } b && b != 0 ? Math.Round(Value / b, 3) : null;

    /// <summary>The single-line JSON form printed by the runner.</summary>
    public string ToJson() => JsonSerializer.Serialize(
        new { suite = Suite, metric = Metric, value = Math.Round(Value, 3), unit = Unit, baseline = Baseline is { } b ? Math.Round(b, 3) : (double?)null, ratio = Ratio },
        Options);
}
