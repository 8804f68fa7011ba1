namespace AkkaCompute.Simulation;

/// <summary>The kinds of fault a simulation can apply, by script or from the random schedule.</summary>
public enum FaultKind
{
    /// <summary>The nodes were split into groups that cannot reach each other.</summary>
    Partition = 0,

    /// <summary>One node was cut off from every other node (both directions).</summary>
    Isolate = 1,

    /// <summary>A set of nodes can no longer send to another set; the other direction still works.</summary>
    OneWayPartition = 2,

    /// <summary>Every network fault was removed.</summary>
    Heal = 3,

    /// <summary>A node stopped: its timers stop and messages to it are dropped.</summary>
    Crash = 4,

    /// <summary>A node started a new incarnation with a new uid and fresh state.</summary>
    Restart = 5,
}
