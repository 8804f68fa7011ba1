using AkkaCompute.Compute.Distributed;

namespace AkkaCompute.Simulation.Placement;

/// <summary>A task at its home: replication, ownership, attempts and the result's commit.</summary>
internal sealed class HomeTask(TaskRecord record)
{
    public TaskRecord Record { get; set; } = record;

    public string Id => Record.TaskId;

    public TaskPlacement Placement => Record.Placement;

    /// <summary>Members (addresses) that stored the task; a majority of the view acknowledges it to the client.</summary>
    public HashSet<string> StoredBy { get; } = new(StringComparer.Ordinal);

    /// <summary>Members that stored the result; a majority of the view commits it (the client gets it once).</summary>
    public HashSet<string> ResultStoredBy { get; } = new(StringComparer.Ordinal);

    /// <summary>Stored by a majority (or taken over from a removed home): it is placed and run.</summary>
    public bool Accepted { get; set; }

    /// <summary>The owner's address as this home believes it; null while no member has the required roles.</summary>
    public string? Owner { get; set; }

    public int Attempt { get; set; }

    /// <summary>The member named at acceptance to start the task when it stored it (start on hold); null when none was.</summary>
    public string? StartedOnHold { get; set; }

    public string? Result { get; set; }

    public bool Committed { get; set; }

    /// <summary>A successor home asking every member for a result before it runs the task again; null when not probing.</summary>
    public HashSet<string>? Probing { get; set; }

    /// <summary>While probing: uncommitted results members reported, with how many reported each.</summary>
    public Dictionary<string, int>? Candidates { get; set; }

    public TimeSpan LastSent { get; set; }

    /// <summary>False once committed and stored by every member: the push tick skips it.</summary>
    public bool Active { get; set; } = true;
}

/// <summary>Where a task is at its owner.</summary>
internal enum RunState
{
    Queued,
    Running,
    Done,
    Moved,
    HandedBack,
}

/// <summary>A task at its owner (or thief).</summary>
internal sealed class OwnerTask(RunTask run)
{
    public string Id { get; } = run.TaskId;

    public TaskPlacement Placement { get; } = run.Placement;

    public string Home { get; set; } = run.Home;

    public int Attempt { get; set; } = run.Attempt;

    public RunState State { get; set; }

    public bool Ok { get; set; }

    public string Producer { get; set; } = "";

    public string MovedTo { get; set; } = "";
}

/// <summary>A task record a node holds as a replica, with the home it currently answers to (derived from removals).</summary>
internal sealed class ReplicaEntry(TaskRecord record, TaskPlacement anyRole)
{
    public TaskRecord Record { get; set; } = record;

    /// <summary>The placement without required roles: successors are ranked over every member.</summary>
    public TaskPlacement AnyRole { get; } = anyRole;

    public string CurrentHome { get; set; } = record.Home;

    /// <summary>True once <see cref="CurrentHome"/> acknowledged the record (or it is the original home); a successor that has not is sent it again.</summary>
    public bool HomeHasIt { get; set; } = true;
}

/// <summary>The timer tag of a run that ends.</summary>
internal sealed record RunDone(string TaskId, int Attempt);
