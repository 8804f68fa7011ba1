using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Compute.Protocol;

/// <summary>
/// From a client's result listener to a member (through ClusterClient): push me the results of these tasks as they finish.
/// The member answers at once with a <see cref="ResultsPushed"/> holding those already finished (possibly none: the answer is
/// also the acknowledgement), and later pushes each of the others the moment it finishes, once. Only tasks the member is
/// home to are watched; a client polls for the rest. A watch lasts until the task finishes or the listener (its
/// ClusterClient response tunnel, which closes after 30 s without traffic) stops, so a client renews it while it waits.
/// </summary>
/// <param name="TaskIds">The task ids; at most <see cref="GetTaskResults.MaxIds"/> (more are ignored).</param>
public sealed record WatchResults(IReadOnlyList<string> TaskIds);

/// <summary>Results pushed to a watcher (<see cref="WatchResults"/>): finished tasks it watched, each pushed once per watch.</summary>
/// <param name="Results">The results, in the order they finished; empty for the acknowledgement of a watch with none finished.</param>
public sealed record ResultsPushed(IReadOnlyList<TaskResult> Results);
