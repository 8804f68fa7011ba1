namespace AkkaCompute.Hosting.Jobs;

/// <summary>
/// A job file was refused before anything ran. <see cref="Errors"/> holds every problem found (at
/// most <see cref="JobFileParser.MaxErrors"/>), in file order where possible; the message lists them
/// one per line as <c>file:line:column: reason</c>, followed by a note when the list was cut short.
/// </summary>
public sealed class JobFileException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="errors">The problems, at least one.</param>
    /// <param name="truncated">True when the parser reached its limit and stopped looking, so more problems may exist.</param>
    /// <param name="inner">The underlying error (e.g. a HOCON syntax error), if any.</param>
    /// <exception cref="ArgumentException"><paramref name="errors"/> is empty.</exception>
    public JobFileException(IReadOnlyList<JobFileError> errors, bool truncated = false, Exception? inner = null)
        : base(Format(errors, truncated), inner)
    {
        Errors = errors;
        Truncated = truncated;
    }

    /// <summary>The problems, each with file, line, column and reason.</summary>
    public IReadOnlyList<JobFileError> Errors { get; }

    /// <summary>True when the parser stopped looking after <see cref="JobFileParser.MaxErrors"/> problems (more may exist).</summary>
    public bool Truncated { get; }

    private static string Format(IReadOnlyList<JobFileError> errors, bool truncated)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0) throw new ArgumentException("a job file exception needs at least one error", nameof(errors));
        var text = string.Join("\n", errors);
        return truncated ? text + $"\n(stopped after {errors.Count} errors; fix these and run again)" : text;
    }
}
