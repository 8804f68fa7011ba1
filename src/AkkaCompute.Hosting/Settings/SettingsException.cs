using AkkaCompute.Hosting.Hocon;

namespace AkkaCompute.Hosting.Settings;

/// <summary>
/// A node setting is invalid, unknown, or its file could not be read. For a bad value the message
/// has the form <c>file:line:column: key = value: constraint</c>, e.g.
/// <c>node.conf:4:25: akc.executor.max-concurrent = 0: must be at least 1</c>. When the value came
/// from an environment variable or a command-line flag, the location is that source instead
/// (<c>environment variable AKC__EXECUTOR__MAX_CONCURRENT: akc.executor.max-concurrent = 0: must be at least 1</c>)
/// and <see cref="Line"/> is 0.
/// </summary>
public sealed class SettingsException : Exception
{
    /// <summary>Creates the exception for one bad setting.</summary>
    /// <param name="origin">Where the value was written; null when the setting is missing altogether. A <see cref="HoconOrigin.Line"/> of 0 means "not a file": only <see cref="HoconOrigin.File"/> is shown.</param>
    /// <param name="key">The full key, e.g. <c>akc.executor.max-concurrent</c>; must not be null.</param>
    /// <param name="value">The value as written (lists rendered as <c>[a, b]</c>); null when missing.</param>
    /// <param name="constraint">What the value must satisfy, e.g. <c>must be at least 1</c>; must not be null.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public SettingsException(HoconOrigin? origin, string key, string? value, string constraint, Exception? inner = null)
        : base(Format(origin, key, value, constraint), inner)
    {
        Key = key ?? throw new ArgumentNullException(nameof(key));
        Constraint = constraint ?? throw new ArgumentNullException(nameof(constraint));
        Value = value;
        File = origin?.File;
        Line = origin?.Line ?? 0;
        Column = origin?.Column ?? 0;
    }

    /// <summary>Creates the exception for a problem that is not about one value, e.g. an unreadable or malformed file.</summary>
    /// <param name="message">The complete message, which should start with the file's location.</param>
    /// <param name="file">The file concerned, if any.</param>
    /// <param name="line">1-based line, or 0 when unknown.</param>
    /// <param name="column">1-based column, or 0 when unknown.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public SettingsException(string message, string? file, int line, int column, Exception? inner = null)
        : base(message, inner)
    {
        File = file;
        Line = line;
        Column = column;
    }

    /// <summary>The file (or for overrides, the source such as <c>environment variable AKC__X</c>); null when unknown.</summary>
    public string? File { get; }

    /// <summary>1-based line of the value; 0 when the value did not come from a file.</summary>
    public int Line { get; }

    /// <summary>1-based column of the value; 0 when the value did not come from a file.</summary>
    public int Column { get; }

    /// <summary>The full key, e.g. <c>akc.executor.max-concurrent</c>; null for file-level problems.</summary>
    public string? Key { get; }

    /// <summary>The offending value as written; null when missing or for file-level problems.</summary>
    public string? Value { get; }

    /// <summary>The violated constraint, e.g. <c>must be at least 1</c>; null for file-level problems.</summary>
    public string? Constraint { get; }

    /// <summary>Renders an origin as <c>file:line:column</c>, or just the file when its line is 0.</summary>
    /// <param name="origin">The origin.</param>
    /// <returns>The location text.</returns>
    internal static string Where(HoconOrigin origin) => origin.Line > 0 ? origin.ToString() : origin.File;

    private static string Format(HoconOrigin? origin, string key, string? value, string constraint)
    {
        var where = origin is null ? "" : Where(origin) + ": ";
        return value is null ? $"{where}{key}: {constraint}" : $"{where}{key} = {value}: {constraint}";
    }
}
