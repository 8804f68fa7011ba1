namespace AkkaCompute.Simulation.Placement;

/// <summary>What happened in one placement run, counted across every node and incarnation.</summary>
public sealed class PlacementStats
{
    /// <summary>Tasks a home accepted (stamped and started replicating), including those never acknowledged.</summary>
    public long Accepted { get; internal set; }

    /// <summary>Runs started by owners (execution is at-least-once, so this can exceed the tasks).</summary>
    public long Runs { get; internal set; }

    /// <summary>Failed runs that the home retried on another node (Ownership.OwnerAvoiding).</summary>
    public long Retries { get; internal set; }

    /// <summary>Results dropped by a home's ResultLedger because the task already had one.</summary>
    public long DuplicateResults { get; internal set; }

    /// <summary>Tasks re-owned by HandOff.Reassign after their owner was removed or left.</summary>
    public long HandOffs { get; internal set; }

    /// <summary>Tasks an owner started when its replica stored them (start on hold: a view of two or three, where its copy made the majority).</summary>
    public long StartedOnHold { get; internal set; }

    /// <summary>Tasks moved by work stealing (WorkStealing.Plan).</summary>
    public long Stolen { get; internal set; }

    /// <summary>Tasks whose home role a successor took over after the home was removed.</summary>
    public long Takeovers { get; internal set; }

    /// <summary>Members downed by the split-brain resolver.</summary>
    public long Downed { get; internal set; }

    /// <summary>Graceful leaves.</summary>
    public long Leaves { get; internal set; }
}
