using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Compute.Execution;

/// <summary>
/// The files a task declares it reads, as absolute paths: its <see cref="TaskSpec.Inputs"/> (shell and function tasks)
/// and, for a function task, the values of its function's <see cref="InputFileAttribute"/> parameters (the built-ins
/// <c>sha256</c> and <c>word-count</c> declare their <c>file</c>). Relative paths resolve against the task's working
/// directory, or the process's current directory when it has none, as the function itself resolves them.
/// </summary>
public static class TaskInputFiles
{
    /// <summary>The declared input files of <paramref name="task"/>, distinct and sorted ordinally.</summary>
    /// <param name="task">The task, with its <c>$ref</c> arguments resolved (an unresolved reference is not a path and is left out).</param>
    /// <param name="functions">The registry that knows the task's function; null, or a function it does not know, adds no file arguments.</param>
    /// <returns>Absolute paths; empty when the task declares none.</returns>
    /// <exception cref="ArgumentException">A path contains a NUL character.</exception>
    public static IReadOnlyList<string> Of(TaskSpec task, FunctionRegistry? functions)
    {
        ArgumentNullException.ThrowIfNull(task);
        IEnumerable<string> declared = task.Inputs ?? [];
        if (task.Kind == TaskKind.Function && functions is not null && task.Function is { } name && functions.TryGet(name, out var function))
        {
            declared = declared.Concat(function.InputFilesIn(task.Args));
        }

        var paths = declared.ToList();
        if (paths.Count == 0)
        {
            return [];
        }

        var baseDirectory = Path.GetFullPath(task.WorkingDirectory ?? Directory.GetCurrentDirectory());
        return [.. paths.Select(p => Path.GetFullPath(p, baseDirectory)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }
}
