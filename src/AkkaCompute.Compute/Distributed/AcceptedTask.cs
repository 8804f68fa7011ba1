using System.Text.Json.Serialization;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Compute.Distributed;

/// <summary>
/// A task as the cluster-wide accepted-task set holds it (DESIGN.md, "Hand-off": acceptance survives the loss of any single
/// node): held by a majority of the members before the home acknowledges the batch, updated with the result when the task
/// finishes, and taken over by a successor home (<see cref="HomeSuccession"/>) when its home is removed. Keyed in the set by
/// <see cref="KeyOf"/> (the home that first accepted it and the task id), so equal task ids accepted by two homes never
/// collide.
/// </summary>
/// <param name="Home">The address of the member that is the task's home now (<c>akka.tcp://system@host:port</c>): the one that
/// accepted it, or the successor that took it over.</param>
/// <param name="FirstHome">The address of the member that accepted it; part of <see cref="KeyOf"/>, never changed.</param>
/// <param name="Spec">The task's definition as accepted.</param>
/// <param name="JobId">The workflow (job) id it was accepted with, or null; part of its placement.</param>
/// <param name="StampedHead">The merkle clock head stamped on it at acceptance (64 lowercase hex characters).</param>
/// <param name="Result">Its first terminal result once its home recorded one, else null.</param>
/// <param name="FinishedAt">When its home recorded <paramref name="Result"/> (UTC), else null; entries are pruned a retention
/// time after it.</param>
public sealed record AcceptedTask(
    [property: JsonConverter(typeof(RecentStringConverter))] string Home,
    [property: JsonConverter(typeof(RecentStringConverter))] string FirstHome,
    TaskSpec Spec,
    [property: JsonConverter(typeof(RecentStringConverter))] string? JobId,
    [property: JsonConverter(typeof(RecentStringConverter))] string StampedHead,
    TaskResult? Result = null,
    DateTimeOffset? FinishedAt = null)
{
    /// <summary>The entry's key: <c>firstHome + "#" + taskId</c> (task ids never contain '#'). Derived, so never serialized.</summary>
    [JsonIgnore]
    public string Key => KeyOf(FirstHome, Spec.Id);

    /// <summary>The key of task <paramref name="taskId"/> first accepted by <paramref name="firstHome"/>.</summary>
    public static string KeyOf(string firstHome, string taskId) => firstHome + "#" + taskId;

    /// <summary>
    /// What a replica keeps when it holds <paramref name="held"/> and receives <paramref name="incoming"/> for the same key: the
    /// incoming entry, unless it would drop a result the held one has for the same home and the same acceptance (same stamped
    /// head: a late copy of it). A resubmitted task accepted again carries a new head (the clock ticks on every batch), so it
    /// replaces the old result.
    /// </summary>
    public static AcceptedTask Merge(AcceptedTask? held, AcceptedTask incoming) =>
        held is { Result: not null } && incoming.Result is null
            && string.Equals(held.Home, incoming.Home, StringComparison.Ordinal)
            && string.Equals(held.StampedHead, incoming.StampedHead, StringComparison.Ordinal)
            ? held
            : incoming;

    /// <summary>
    /// This entry, sharing <paramref name="held"/>'s task definition and strings where they are the same: when a replica that
    /// holds an entry receives it again (finished, or re-homed) for the same acceptance (same key and stamped head), the copy
    /// just read from the wire would otherwise replace the held one, and the garbage collector would have to promote a second
    /// copy of the same definition. Returns this entry itself when there is nothing to share.
    /// </summary>
    public AcceptedTask SharingWith(AcceptedTask? held)
    {
        if (held is null || ReferenceEquals(held, this) || ReferenceEquals(held.Spec, Spec)
            || !string.Equals(held.StampedHead, StampedHead, StringComparison.Ordinal)
            || !string.Equals(held.FirstHome, FirstHome, StringComparison.Ordinal)
            || !string.Equals(held.Spec.Id, Spec.Id, StringComparison.Ordinal))
        {
            return this;
        }

        return this with
        {
            Spec = held.Spec,
            FirstHome = held.FirstHome,
            StampedHead = held.StampedHead,
            Home = string.Equals(held.Home, Home, StringComparison.Ordinal) ? held.Home : Home,
            JobId = string.Equals(held.JobId, JobId, StringComparison.Ordinal) ? held.JobId : JobId,
        };
    }

    /// <summary>An upper estimate of the entry's serialized size in bytes: its task's (<c>MessageChunks.EstimateBytes</c>), three
    /// bytes per byte of its result's output JSON and per character of its error, and 400 bytes for the rest.</summary>
    public long EstimateBytes() =>
        Protocol.MessageChunks.EstimateBytes(Spec) + 400
        + 3L * ((Result?.Output is { } output ? Protocol.MessageChunks.JsonBytes(output) : 0) + (Result?.Error?.Length ?? 0));

    /// <summary>
    /// Splits <paramref name="entries"/> in order into chunks of at most <paramref name="maxCount"/> entries and
    /// <c>MessageChunks.MaxBytes</c> estimated bytes (an entry larger than that goes alone), so that each fits one remote message.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxCount"/> is less than 1.</exception>
    public static IEnumerable<List<AcceptedTask>> Chunk(IEnumerable<AcceptedTask> entries, int maxCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        var chunk = new List<AcceptedTask>();
        long bytes = 0;
        foreach (var entry in entries)
        {
            var size = entry.EstimateBytes();
            if (chunk.Count > 0 && (chunk.Count == maxCount || bytes + size > Protocol.MessageChunks.MaxBytes))
            {
                yield return chunk;
                chunk = [];
                bytes = 0;
            }

            chunk.Add(entry);
            bytes += size;
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }
}
