using AkkaCompute.Client;
using AkkaCompute.Compute.History;

namespace AkkaCompute.Bench;

/// <summary>
/// Where one-at-a-time tasks spent their time, read off the home's history (its clock is this machine's, as the client's is):
/// <c>accept</c> from the submission until the home journaled the batch, <c>ack</c> until the client had the acknowledgement,
/// <c>start</c> from the journaling until the home recorded the start (placement, the owner's queue, the start report),
/// <c>run</c> from the start until the home recorded the result, <c>read</c> from that until the client had the result, and
/// <c>total</c>; all in milliseconds, one entry per sample in the order given.
/// </summary>
internal static class TaskStages
{
    /// <summary>The stages in the order <see cref="DescribeSlowest"/> prints them.</summary>
    public static readonly string[] Names = ["total", "ack", "accept", "start", "run", "read"];

    /// <summary>One sample: the task id, the wall-clock time of its submission, its acknowledgement in ms, and when its result was read.</summary>
    public sealed record Sample(string Id, DateTimeOffset At, double AckMs, DateTimeOffset Read);

    /// <summary>The stages of <paramref name="samples"/>, by stage name (<see cref="Names"/>), each list in the samples' order.</summary>
    /// <exception cref="InvalidOperationException">A sample's task has no finish time in the home's history.</exception>
    public static async Task<Dictionary<string, List<double>>> OfAsync(ComputeClient client, IReadOnlyList<Sample> samples)
    {
        var stages = Names.ToDictionary(n => n, _ => new List<double>(samples.Count));
        foreach (var (id, at, ack, read) in samples)
        {
            var history = (await client.HistoryAsync(new HistoryQuery(id, Limit: 1))).Single();
            var started = history.Events.OfType<TaskStarted>().First().At;
            var finished = history.FinishedAt ?? throw new InvalidOperationException($"{id} has no finish time in the history");
            stages["accept"].Add((history.AcceptedAt - at).TotalMilliseconds);
            stages["ack"].Add(ack);
            stages["start"].Add((started - history.AcceptedAt).TotalMilliseconds);
            stages["run"].Add((finished - started).TotalMilliseconds);
            stages["read"].Add((read - finished).TotalMilliseconds);
            stages["total"].Add((read - at).TotalMilliseconds);
        }

        return stages;
    }

    /// <summary>One line per sample among the <paramref name="count"/> slowest: <c>slow task #I: total T, ack A, ... ms</c>.</summary>
    public static IEnumerable<string> DescribeSlowest(Dictionary<string, List<double>> stages, int count) =>
        Enumerable.Range(0, stages["total"].Count).OrderByDescending(i => stages["total"][i]).Take(count)
            .Select(i => $"slow task #{i}: " + string.Join(", ", Names.Select(stage =>
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{stage} {stages[stage][i]:0.0}"))) + " ms");
}
