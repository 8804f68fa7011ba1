using AkkaCompute.Compute.Tasks;
using AkkaCompute.Compute.Workflows;
using AkkaCompute.Hosting.Hocon;
using AkkaCompute.Hosting.Settings;

namespace AkkaCompute.Hosting.Jobs;

/// <summary>
/// Turns a parsed job document into a <see cref="JobDefinition"/>: header and defaults, generators
/// (items and ids first, so <c>$each</c> can name them), listed and generated tasks, duplicate ids,
/// then the task graph (unknown references, cycles), then the caller's <see cref="JobChecks"/> (known functions
/// while reading tasks, the per-task check last). Collects every problem, then throws once.
/// </summary>
internal sealed class JobAssembler(string baseDirectory, JobChecks? checks = null)
{
    private readonly JobErrors _errors = new(JobFileParser.MaxErrors);

    public JobDefinition Build(HoconObject root, string? sourceFile, string defaultName)
    {
        var reader = new JobReader(_errors);
        reader.CheckKeys(root, [.. JobFileParser.TopLevelKeys], "job file");
        var sections = new JobSectionReader(reader, baseDirectory);
        var header = sections.Header(root, defaultName);
        var defaults = sections.Defaults(root);
        var listed = reader.Array(root, "tasks", "job file");
        var budget = header.MaxTasks - (listed?.Count ?? 0);
        if (budget < 0)
            reader.Bad("job file", "tasks", listed!, $"lists {SettingsFormat.Number(listed!.Count)} tasks, more than job.max-tasks = {SettingsFormat.Number(header.MaxTasks)}");
        var generators = Generators(reader, reader.Array(root, "generators", "job file"), Math.Max(0, budget));
        var taskReader = new TaskReader(reader, new HoconJson(_errors, generators.ToDictionary(g => g.Spec.Prefix, g => (IReadOnlyList<string>)g.Ids)), defaults, baseDirectory, checks);
        var tasks = new List<TaskSpec>();
        var origins = new List<TaskOrigins>();
        var declared = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; listed is not null && i < listed.Count && !_errors.Full; i++)
        {
            if (listed.Items[i] is HoconObject obj && JobReader.Get(obj, "id") is HoconScalar id) declared.Add(id.Text);
            Add(taskReader.Read(listed.Items[i], null, $"task #{i + 1}", out var o), o, tasks, origins);
        }
        foreach (var (spec, ids) in generators)
        {
            declared.UnionWith(ids);
            for (var j = 0; j < ids.Count && !_errors.Full; j++)
            {
                var task = taskReader.Read(Template.Expand(spec.Template, spec.Source.Item(j)), ids[j], $"task '{ids[j]}'", out var o);
                Add(task, o, tasks, origins);
                if (task is null) break; // the template is wrong for every item: report it once
            }
        }
        CheckDuplicates(tasks, origins);
        CheckGraph(tasks, origins, declared);
        if (checks?.Task is { } check)
        {
            for (var i = 0; i < tasks.Count && !_errors.Full; i++)
            {
                if (check(tasks[i]) is { } reason) _errors.Add(origins[i].Id, $"{origins[i].Context}: {reason}");
            }
        }
        if (tasks.Count == 0 && _errors.Reported == 0)
            _errors.Add(root.Origin, "the job has no tasks: add a 'tasks' list or 'generators'");
        _errors.ThrowIfAny();
        return new JobDefinition
        {
            Name = header.Name,
            Defaults = defaults,
            Tasks = tasks,
            OutputPath = header.OutputPath,
            Workers = header.Workers,
            MaxTasks = header.MaxTasks,
            SourceFile = sourceFile,
            BaseDirectory = baseDirectory,
        };
    }

    private static void Add(TaskSpec? task, TaskOrigins origins, List<TaskSpec> tasks, List<TaskOrigins> all)
    {
        if (task is null) return;
        tasks.Add(task);
        all.Add(origins);
    }

    private List<(GeneratorSpec Spec, List<string> Ids)> Generators(JobReader reader, HoconArray? list, int budget)
    {
        var result = new List<(GeneratorSpec, List<string>)>();
        var genReader = new GeneratorReader(reader, baseDirectory);
        for (var i = 0; list is not null && i < list.Count && !_errors.Full; i++)
        {
            if (genReader.Read(list.Items[i], i, budget) is not { } spec) continue;
            if (result.Any(g => g.Item1.Prefix == spec.Prefix))
            {
                reader.Bad(spec.Context, "id-prefix", JobReader.Get((HoconObject)list.Items[i], "id-prefix")!, "is used by an earlier generator; each generator needs its own prefix");
                continue;
            }
            var ids = GeneratedIds(spec);
            budget -= ids.Count;
            result.Add((spec, ids));
        }
        return result;
    }

    /// <summary>
    /// The ids of a generator's tasks: the template's own <c>id</c> expanded, or <c>prefix-suffix</c> with the suffix
    /// made valid by <see cref="TaskIds.Stable"/> (a hash of the exact suffix where the readable form is lossy), so an
    /// id depends only on its own item, never on which other items exist.
    /// </summary>
    private static List<string> GeneratedIds(GeneratorSpec spec)
    {
        var ids = new List<string>(spec.Source.Count);
        var own = JobReader.Get(spec.Template, "id") as HoconScalar;
        var room = TaskIds.MaxLength - spec.Prefix.Length - 1;
        for (var j = 0; j < spec.Source.Count; j++)
        {
            var item = spec.Source.Item(j);
            ids.Add(own is not null ? Template.Expand(own.Text, item) : $"{spec.Prefix}-{TaskIds.Stable(item.IdSuffix, room)}");
        }
        return ids;
    }

    private void CheckDuplicates(List<TaskSpec> tasks, List<TaskOrigins> origins)
    {
        var first = new Dictionary<string, HoconOrigin>(StringComparer.Ordinal);
        for (var i = 0; i < tasks.Count && !_errors.Full; i++)
        {
            if (!first.TryAdd(tasks[i].Id, origins[i].Id))
                _errors.Add(origins[i].Id, $"task '{tasks[i].Id}': duplicate id (first defined at {first[tasks[i].Id]})");
        }
    }

    private void CheckGraph(List<TaskSpec> tasks, List<TaskOrigins> origins, HashSet<string> declared)
    {
        if (tasks.Count == 0 || _errors.Full) return;
        var failed = declared.Except(tasks.Select(t => t.Id)).ToHashSet(StringComparer.Ordinal);
        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < tasks.Count; i++) position.TryAdd(tasks[i].Id, i);
        foreach (var error in TaskGraph.Validate(tasks, JobFileParser.MaxErrors))
        {
            var o = origins[position[error.TaskId]];
            switch (error.Kind)
            {
                case TaskGraphErrorKind.UnknownReference when !FailedTarget(error.Reference!, failed):
                    var where = (error.FromDependsOn ? o.DependsOn : o.Refs)?.GetValueOrDefault(error.Reference!) ?? o.Task;
                    _errors.Add(where, $"{o.Context}: {error.Message}");
                    break;
                case TaskGraphErrorKind.Cycle:
                    _errors.Add(o.Id, $"{o.Context}: {error.Message}");
                    break;
            }
        }
    }

    /// <summary>True when a reference names a task that was written but refused for its own errors (not worth a second message).</summary>
    private static bool FailedTarget(string reference, HashSet<string> failed) =>
        failed.Count > 0 && failed.Any(f => reference == f || reference.StartsWith(f + ".", StringComparison.Ordinal));
}
