using System.Collections.Concurrent;
using System.Diagnostics;
using AkkaCompute.Simulation.Placement;
using Xunit.Abstractions;

namespace AkkaCompute.Simulation.Tests.Placement;

/// <summary>
/// The swarm: 200 seeds of the placement protocol under crashes, partitions (up to 3 groups), one-way cuts, isolations, message
/// loss, duplication and reordering, graceful leaves and keep-majority downing. Every safety checker must hold and every
/// acknowledged task must finish once the faults stop. A failing seed replays with <c>akc sim --seed N</c>.
/// </summary>
public sealed class PlacementSwarmTests(ITestOutputHelper output)
{
    public const int SwarmSeeds = 200;

    /// <summary>
    /// Open findings of the model, pinned by seed and kind (they must keep failing exactly so until the protocol changes;
    /// any other failing seed fails the test). Both lose acknowledged work when several holders go within seconds, beyond
    /// the "any single node" durability the protocol claims: seed 5, a 3|2 split downs the home of t00190 and the only
    /// member it ran on, a second split a second later downs a third member, and the cluster shrinks to 2 members; seed
    /// 159, a result committed with a majority of a 3-member view is lost when restarted incarnations join the other side
    /// of a partition, which then holds the majority and downs the side that stored it. A 1,000-seed run fails about 2% of
    /// seeds this way (lost tasks or results, and a second result after such a loss): see the Simulation README.
    /// </summary>
    public static readonly IReadOnlyDictionary<long, PlacementViolationKind> KnownFindings = new Dictionary<long, PlacementViolationKind>
    {
        [5] = PlacementViolationKind.AckedTaskLost,
        [159] = PlacementViolationKind.AckedTaskLost,
    };

    /// <summary>Runs seeds 1..count on two threads; returns the failed reports (seed order) and the wall time.</summary>
    internal static (List<PlacementReport> Failures, List<PlacementReport> All, TimeSpan Elapsed) Swarm(PlacementOptions options, int count)
    {
        var reports = new ConcurrentBag<PlacementReport>();
        var clock = Stopwatch.StartNew();
        Parallel.For(1, count + 1, new ParallelOptions { MaxDegreeOfParallelism = 2 }, seed => reports.Add(PlacementRun.Run(options, seed)));
        var all = reports.OrderBy(r => r.Seed).ToList();
        return (all.Where(r => !r.Ok).ToList(), all, clock.Elapsed);
    }

    [Fact]
    public void Every_seed_of_the_swarm_keeps_acknowledged_tasks_results_once_and_a_downed_side_stopped_and_finishes_after_the_heal()
    {
        var (failures, all, elapsed) = Swarm(new PlacementOptions(), SwarmSeeds);

        output.WriteLine($"{SwarmSeeds} seeds in {elapsed.TotalSeconds:0.0} s; acknowledged {all.Sum(r => r.Acknowledged)}, runs {all.Sum(r => r.Stats.Runs)}, " +
            $"hand-offs {all.Sum(r => r.Stats.HandOffs)}, steals {all.Sum(r => r.Stats.Stolen)}, takeovers {all.Sum(r => r.Stats.Takeovers)}, downed {all.Sum(r => r.Stats.Downed)}, " +
            $"leaves {all.Sum(r => r.Stats.Leaves)}, started on hold {all.Sum(r => r.Stats.StartedOnHold)}, retries {all.Sum(r => r.Stats.Retries)}, duplicate results {all.Sum(r => r.Stats.DuplicateResults)}");
        var unexpected = failures.Where(f => KnownFindings.GetValueOrDefault(f.Seed, (PlacementViolationKind)(-1)) != f.Violation).ToList();
        Assert.True(unexpected.Count == 0, string.Join(Environment.NewLine, unexpected.Select(f => $"seed {f.Seed}: {f.ViolationMessage} (replay: akc sim --seed {f.Seed})")));
        Assert.Equal(KnownFindings.Keys.Order(), failures.Select(f => f.Seed));

        // The swarm exercises what it claims to: faults happened and every mechanism ran somewhere.
        Assert.All(all.Where(r => r.Ok), r => Assert.True(r.Acknowledged > 0 && r.Finished == r.Acknowledged));
        Assert.True(all.Sum(r => r.Stats.Downed) > SwarmSeeds, "the resolver downed members");
        Assert.True(all.Count(r => r.Stats.HandOffs > 0) > SwarmSeeds / 2, "hand-offs happened");
        Assert.True(all.Count(r => r.Stats.Stolen > 0) > SwarmSeeds / 2, "steals happened");
        Assert.True(all.Count(r => r.Stats.Takeovers > 0) > SwarmSeeds / 2, "successor homes took over");
        Assert.True(all.Count(r => r.Stats.Leaves > 0) > SwarmSeeds / 2, "graceful leaves happened");
        Assert.True(all.Count(r => r.Stats.StartedOnHold > 0) > SwarmSeeds / 2, "owners started tasks on hold (views of two or three members)");
        Assert.True(all.Sum(r => r.Stats.Retries) > 0 && all.Sum(r => r.Stats.DuplicateResults) > 0, "retries and duplicate results happened");
        Assert.True(all.Count(r => r.ConvergenceTime > TimeSpan.Zero) > 10, "some seeds still had work in flight at the heal");
    }

    [Theory]
    [InlineData(PlacementBug.AckBeforeReplication, PlacementViolationKind.AckedTaskLost)]
    [InlineData(PlacementBug.RunAfterDowned, PlacementViolationKind.RunAfterDowned)]
    public void A_broken_variant_is_caught_within_the_swarm(PlacementBug bug, PlacementViolationKind expected)
    {
        var options = new PlacementOptions { Bug = bug };
        var caught = Enumerable.Range(1, SwarmSeeds).Select(seed => PlacementRun.Run(options, seed)).FirstOrDefault(r => !r.Ok);

        Assert.NotNull(caught);
        output.WriteLine($"{bug}: seed {caught.Seed}: {caught.ViolationMessage}");
        Assert.Equal(expected, caught.Violation);
    }

    [Fact]
    public void A_safety_violation_names_its_step_and_replays_at_the_same_step_with_the_same_trace()
    {
        var options = new PlacementOptions { Bug = PlacementBug.RunAfterDowned, TraceCapacity = 50 };
        var first = Enumerable.Range(1, 50).Select(seed => PlacementRun.Run(options, seed)).First(r => !r.Ok);
        var again = PlacementRun.Run(options, first.Seed);

        Assert.NotNull(first.FailureStep);
        Assert.Equal(first.FailureStep, again.FailureStep);
        Assert.Equal(first.ViolationMessage, again.ViolationMessage);
        Assert.Equal(first.Trace, again.Trace);
        Assert.Contains(first.Trace, line => line.Contains("learns it was downed", StringComparison.Ordinal));
    }
}
