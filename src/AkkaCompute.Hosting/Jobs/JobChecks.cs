using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Hosting.Jobs;

/// <summary>
/// Checks a job file gets on top of its own rules, for what only the caller knows (the functions of the node that
/// will run it, what its store already holds). Each problem is reported like any other job-file error, as
/// <c>file:line:column: task 'id': reason</c>, and refuses the job before anything runs.
/// </summary>
public sealed record JobChecks
{
    /// <summary>Most names listed in an unknown-function message: 30.</summary>
    public const int ListedFunctionsMax = 30;

    /// <summary>
    /// The functions a task may name; a function task naming any other is an error at its <c>function</c> value:
    /// <c>task 'x': unknown function 'nosuch' (known: echo, fail, ...)</c> (at most <see cref="ListedFunctionsMax"/>
    /// names, sorted ordinally). Null (the default) accepts every name.
    /// </summary>
    public IReadOnlyCollection<string>? KnownFunctions { get; init; }

    /// <summary>
    /// A check of each finished task (defaults applied, generators expanded): a non-null reason is an error at the
    /// task's id (for generated tasks, at their template), prefixed with <c>task 'id': </c>. Null (the default) checks nothing.
    /// </summary>
    public Func<TaskSpec, string?>? Task { get; init; }

    /// <summary>The message for an unknown function.</summary>
    /// <param name="function">The name written.</param>
    /// <returns>E.g. <c>unknown function 'nosuch' (known: echo, noop)</c>.</returns>
    internal string UnknownFunction(string function)
    {
        var known = (KnownFunctions ?? []).Order(StringComparer.Ordinal).ToList();
        var listed = known.Count == 0 ? "none" : string.Join(", ", known.Take(ListedFunctionsMax));
        var more = known.Count > ListedFunctionsMax ? $" and {known.Count - ListedFunctionsMax} more" : string.Empty;
        return $"unknown function '{function}' (known: {listed}{more})";
    }
}
