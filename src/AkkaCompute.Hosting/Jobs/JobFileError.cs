namespace AkkaCompute.Hosting.Jobs;

/// <summary>One problem in a job file.</summary>
/// <param name="File">The file name as given to the parser, or <c>"&lt;string&gt;"</c>.</param>
/// <param name="Line">1-based line; 0 when the problem concerns the whole file (e.g. it does not exist).</param>
/// <param name="Column">1-based column; 0 when <paramref name="Line"/> is 0.</param>
/// <param name="Reason">What is wrong, e.g. <c>task 'c': $ref to unknown task 'zz'</c>.</param>
public sealed record JobFileError(string File, int Line, int Column, string Reason)
{
    /// <summary>Renders <c>file:line:column: reason</c> (or <c>file: reason</c> when the line is 0).</summary>
    /// <returns>E.g. <c>job.conf:7:5: task 'c': $ref to unknown task 'zz'</c>.</returns>
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}: {Reason}" : $"{File}: {Reason}";
}
