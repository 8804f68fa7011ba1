namespace AkkaCompute.Hosting.Hocon;

/// <summary>
/// Where a HOCON token, value or setting was written: a file (or <c>"&lt;string&gt;"</c> for text
/// that did not come from a file), a 1-based line and a 1-based column.
/// </summary>
/// <param name="File">The file name as given to the parser (relative or absolute), or <c>"&lt;string&gt;"</c>.</param>
/// <param name="Line">1-based line number; lines are split on <c>'\n'</c> only.</param>
/// <param name="Column">1-based column, counted in UTF-16 code units from the start of the line.</param>
public sealed record HoconOrigin(string File, int Line, int Column)
{
    /// <summary>The display name used for text that was not read from a file: <c>"&lt;string&gt;"</c>.</summary>
    public const string StringSource = "<string>";

    /// <summary>Formats the origin as <c>file:line:column</c>, e.g. <c>job.conf:12:7</c>.</summary>
    /// <returns>The compiler-style location string.</returns>
    public override string ToString() => $"{File}:{Line}:{Column}";
}
