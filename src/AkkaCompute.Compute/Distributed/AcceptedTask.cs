using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Compute.Distributed;

/// <summary>
/// A task as the cluster-wide accepted-task set holds it (DESIGN.md, "Hand-off": acceptance survives the loss of any single
/// node): written to a majority of members before the home acknowledges the batch, updated with the result when the task
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
    string Home,
    string FirstHome,
    TaskSpec Spec,
    string? JobId,
    string StampedHead,
    TaskResult? Result = null,
    DateTimeOffset? FinishedAt = null)
{
    /// <summary>The entry's key in the accepted-task set: <c>firstHome + "#" + taskId</c> (task ids never contain '#').</summary>
    public string Key => KeyOf(FirstHome, Spec.Id);

    /// <summary>The key of task <paramref name="taskId"/> first accepted by <paramref name="firstHome"/>.</summary>
    public static string KeyOf(string firstHome, string taskId) => firstHome + "#" + taskId;

    /// <summary>The bucket (0 to <paramref name="buckets"/> − 1) an entry with key <paramref name="key"/> lives in: FNV-1a (32 bits)
    /// of its UTF-16 code units, modulo <paramref name="buckets"/>; the same on every node and in every process.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="buckets"/> is less than 1.</exception>
    public static int BucketOf(string key, int buckets)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 1);
        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)buckets);
    }
}
