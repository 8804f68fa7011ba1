using AkkaCompute.Simulation.Placement;

namespace AkkaCompute.Simulation.Tests.Placement;

public sealed class PlacementDeterminismTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(42)]
    [InlineData(-7)]
    public void The_same_seed_gives_the_same_trace_hash_and_the_same_outcome(long seed)
    {
        var a = PlacementRun.Run(new PlacementOptions(), seed);
        var b = PlacementRun.Run(new PlacementOptions(), seed);

        Assert.Equal(a.TraceHash, b.TraceHash);
        Assert.Equal(a.Steps, b.Steps);
        Assert.Equal((a.Acknowledged, a.Finished, a.Stats.Runs, a.Stats.HandOffs, a.Stats.Stolen, a.Stats.Takeovers), (b.Acknowledged, b.Finished, b.Stats.Runs, b.Stats.HandOffs, b.Stats.Stolen, b.Stats.Takeovers));
    }

    [Fact]
    public void Tracing_changes_nothing_in_the_run_and_different_seeds_differ()
    {
        var quiet = PlacementRun.Run(new PlacementOptions(), 5);
        var traced = PlacementRun.Run(new PlacementOptions { TraceCapacity = 100 }, 5);
        var other = PlacementRun.Run(new PlacementOptions(), 6);

        Assert.Equal(quiet.TraceHash, traced.TraceHash);
        Assert.Equal(100, traced.Trace.Count);
        Assert.Empty(quiet.Trace);
        Assert.NotEqual(quiet.TraceHash, other.TraceHash);
    }

    [Fact]
    public void Options_out_of_range_are_refused_with_the_key_and_constraint()
    {
        var e = Assert.Throws<ArgumentException>(() => PlacementRun.Run(new PlacementOptions { Nodes = 9 }, 1));
        Assert.Contains("PlacementOptions.Nodes = 9: must be 3 to 7", e.Message, StringComparison.Ordinal);
    }
}
