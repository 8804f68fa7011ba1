using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Cli.Api;

/// <summary>A job submitted through the API, as the <see cref="TaskBoard"/> counts it; mutated only under the board's lock.</summary>
internal sealed class BoardJob(string id)
{
    /// <summary>The job id.</summary>
    public string Id { get; } = id;

    /// <summary>Its task ids (each once).</summary>
    public HashSet<string> Tasks { get; } = new(StringComparer.Ordinal);

    /// <summary>Its tasks by state; a task not yet accepted counts under null.</summary>
    public Dictionary<TaskState, int> Counts { get; } = [];

    /// <summary>Tasks registered but not yet accepted.</summary>
    public int Pending { get; set; }

    /// <summary>When it was (last) submitted.</summary>
    public DateTimeOffset SubmittedAt { get; set; }

    /// <summary>Counts one more task of this job in <paramref name="state"/> (null: not yet accepted).</summary>
    public void Add(TaskState? state)
    {
        if (state is { } s) Counts[s] = Counts.GetValueOrDefault(s) + 1; else Pending++;
    }

    /// <summary>Counts one task fewer in <paramref name="state"/> (null: not yet accepted).</summary>
    public void Remove(TaskState? state)
    {
        if (state is { } s)
        {
            if (Counts.TryGetValue(s, out var n) && n > 1) Counts[s] = n - 1; else Counts.Remove(s);
        }
        else
        {
            Pending = Math.Max(0, Pending - 1);
        }
    }

    /// <summary>Moves one task of this job from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public void Move(TaskState? from, TaskState? to)
    {
        Remove(from);
        Add(to);
    }
}
