using AkkaCompute.Hosting.Hocon;

namespace AkkaCompute.Hosting.Jobs;

/// <summary>Where a task and its references were written, for messages about the task graph.</summary>
/// <param name="Task">The task object (for generated tasks: the generator's template).</param>
/// <param name="Id">The id value, or the task object when the id was generated.</param>
/// <param name="Context">The message prefix, e.g. <c>task 'a'</c>.</param>
internal sealed record TaskOrigins(HoconOrigin Task, HoconOrigin Id, string Context)
{
    /// <summary>Origins of <c>$ref</c> targets, by target text; null when the task has none.</summary>
    public Dictionary<string, HoconOrigin>? Refs { get; set; }

    /// <summary>Origins of depends-on entries, by id; null when the task has none.</summary>
    public Dictionary<string, HoconOrigin>? DependsOn { get; set; }
}
