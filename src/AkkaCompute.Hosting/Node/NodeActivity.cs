using AkkaCompute.Compute.Protocol;

namespace AkkaCompute.Hosting.Node;

/// <summary>
/// What an <see cref="IdleTrimSchedule"/> watches to tell an idle node from a working one: the node's own task counters and its
/// busy executors (which also run attempts of tasks that other members own, not counted in <paramref name="Tasks"/>).
/// </summary>
/// <param name="Tasks">The task counters of the tasks this node accepted (<see cref="NodeStatus"/>).</param>
/// <param name="BusyExecutors">Executors running an attempt now, whoever owns its task; 0 or more.</param>
public readonly record struct NodeActivity(NodeStatus Tasks, int BusyExecutors)
{
    /// <summary>True when nothing is queued, running, waiting to retry, or being executed.</summary>
    public bool IsIdle => Tasks.Queued == 0 && Tasks.Running == 0 && Tasks.Retrying == 0 && BusyExecutors == 0;
}
