namespace AkkaCompute.Hosting.Hocon;

/// <summary>
/// A HOCON document could not be read: a syntax error, a missing required include, an include
/// cycle, an unresolved required substitution, a substitution cycle or an invalid concatenation.
/// The message has the form <c>file:line:column: reason</c>, e.g.
/// <c>job.conf:12:7: expected '=' or ':' after key 'tasks'</c>.
/// </summary>
public sealed class HoconParseException : Exception
{
    /// <summary>Creates the exception for a problem found at <paramref name="origin"/>.</summary>
    /// <param name="origin">Where the problem was found; must not be null.</param>
    /// <param name="reason">What is wrong, without the location prefix; must not be null.</param>
    /// <param name="inner">The underlying error (for example an <see cref="IOException"/>), if any.</param>
    public HoconParseException(HoconOrigin origin, string reason, Exception? inner = null)
        : base($"{origin}: {reason}", inner)
    {
        Origin = origin ?? throw new ArgumentNullException(nameof(origin));
        Reason = reason ?? throw new ArgumentNullException(nameof(reason));
    }

    /// <summary>Where the problem was found.</summary>
    public HoconOrigin Origin { get; }

    /// <summary>The file name, or <c>"&lt;string&gt;"</c> for text that was not read from a file.</summary>
    public string File => Origin.File;

    /// <summary>1-based line of the problem.</summary>
    public int Line => Origin.Line;

    /// <summary>1-based column of the problem.</summary>
    public int Column => Origin.Column;

    /// <summary>What is wrong, without the <c>file:line:column</c> prefix.</summary>
    public string Reason { get; }
}
