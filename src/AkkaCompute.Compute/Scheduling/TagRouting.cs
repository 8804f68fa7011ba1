using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Compute.Scheduling;

/// <summary>
/// Tags that route: <c>akc.scheduler.tag-roles</c> maps a tag to a cluster role, and a task carrying the tag requires
/// the role (added to <see cref="TaskSpec.Requires"/> when the task is accepted), so only members with that role run it.
/// Pure.
/// </summary>
public static class TagRouting
{
    /// <summary>
    /// The task with the roles its tags map to added to <see cref="TaskSpec.Requires"/> (each once, after the task's own);
    /// the same instance when no tag maps to a role it lacks.
    /// </summary>
    /// <param name="spec">The submitted task.</param>
    /// <param name="tagRoles">Tag to role (ordinal); empty for no routing.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static TaskSpec Apply(TaskSpec spec, IReadOnlyDictionary<string, string> tagRoles)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(tagRoles);
        if (tagRoles.Count == 0 || spec.Tags.Count == 0)
        {
            return spec;
        }

        List<string>? added = null;
        foreach (var tag in spec.Tags)
        {
            if (tagRoles.TryGetValue(tag, out var role) && !spec.Requires.Contains(role, StringComparer.Ordinal) && added?.Contains(role, StringComparer.Ordinal) != true)
            {
                (added ??= []).Add(role);
            }
        }

        return added is null ? spec : spec with { Requires = [.. spec.Requires, .. added] };
    }

    /// <summary>
    /// Reads <c>akc.scheduler.tag-roles</c> entries written <c>tag=role</c> (split at the last '='; the role is a valid
    /// role name, <see cref="Node.TaskSpecValidator.RoleRule"/>; a tag appears once).
    /// </summary>
    /// <param name="entries">The entries, e.g. <c>["gpu=gpu", "nightly=batch"]</c>.</param>
    /// <param name="problem">Why an entry is refused (naming its index), or null.</param>
    /// <returns>The map (the shared empty one for no entries), or null with <paramref name="problem"/> set.</returns>
    public static IReadOnlyDictionary<string, string>? Parse(IReadOnlyList<string> entries, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(entries);
        problem = null;
        if (entries.Count == 0)
        {
            return System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty;
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var eq = entry.LastIndexOf('=');
            var tag = eq > 0 ? entry[..eq].Trim() : "";
            var role = eq > 0 ? entry[(eq + 1)..].Trim() : "";
            if (tag.Length == 0 || !Node.TaskSpecValidator.RoleValid(role))
            {
                problem = $"[{i}] '{entry}' must be written tag=role, the role {Node.TaskSpecValidator.RoleRule}";
                return null;
            }

            if (!map.TryAdd(tag, role))
            {
                problem = $"[{i}] '{entry}': tag '{tag}' is mapped twice";
                return null;
            }
        }

        problem = null;
        return map;
    }
}
