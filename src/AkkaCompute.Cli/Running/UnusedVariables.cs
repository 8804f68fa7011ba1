using AkkaCompute.Compute.Execution;

namespace AkkaCompute.Cli.Running;

/// <summary>Finds <c>--set NAME=VALUE</c> values that no substitution in the job file reads (a misspelt name would otherwise be ignored silently).</summary>
internal static class UnusedVariables
{
    /// <summary>One line per given name the job file does not read, naming the closest name it does read, if any; empty when all are read.</summary>
    /// <param name="given">The names given with <c>--set</c>.</param>
    /// <param name="read">The names the job file's <c>${NAME}</c> / <c>${?NAME}</c> substitutions read.</param>
    /// <param name="jobFile">The job file, named in the messages.</param>
    public static IReadOnlyList<string> Problems(IEnumerable<string> given, IReadOnlySet<string> read, string jobFile) =>
        given.Where(name => !read.Contains(name))
            .Order(StringComparer.Ordinal)
            .Select(name => $"akc run: --set {name}: {jobFile} has no ${{{name}}} or ${{?{name}}}, so the value would be ignored" + Hint(name, read))
            .ToList();

    private static string Hint(string name, IReadOnlySet<string> read)
    {
        if (NameSuggester.Closest(name, read) is { } best)
        {
            return $" (did you mean {best}?)";
        }

        return read.Count == 0 ? " (it reads no variables)" : $" (it reads {string.Join(", ", read)})";
    }
}
