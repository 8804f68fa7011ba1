using AkkaCompute.Compute.Protocol;
using AkkaCompute.Hosting.Node;

namespace AkkaCompute.Hosting.Tests.Node;

/// <summary>A node's activity as a test sets it, for the background loops that poll it; counts the reads, and fails one on request.</summary>
internal sealed class ScriptedActivity(NodeActivity current)
{
    /// <summary>An idle node that has seen no task.</summary>
    public static readonly NodeActivity Idle = new(new NodeStatus(Known: 0, Waiting: 0, Queued: 0, Running: 0, Retrying: 0, Succeeded: 0, Failed: 0, Cancelled: 0), 0);

    private int _reads;

    /// <summary>What the next read returns.</summary>
    public NodeActivity Current { get; set; } = current;

    /// <summary>Whether the next read fails (with a <see cref="TimeoutException"/>, as a busy node's Ask would); reset by that read.</summary>
    public bool FailNext { get; set; }

    /// <summary>Reads so far, failed ones included.</summary>
    public int Reads => Volatile.Read(ref _reads);

    /// <summary>The read the loops are given (<c>Func&lt;CancellationToken, Task&lt;NodeActivity&gt;&gt;</c>).</summary>
    public Task<NodeActivity> ReadAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        if (FailNext)
        {
            FailNext = false;
            return Task.FromException<NodeActivity>(new TimeoutException("busy"));
        }

        return Task.FromResult(Current);
    }
}
