namespace AkkaCompute.Hosting.Hocon;

/// <summary>
/// Reads HOCON (https://github.com/lightbend/config/blob/main/HOCON.md) into a resolved, immutable
/// <see cref="HoconObject"/>: tokenize, parse (with includes), merge duplicate keys, then resolve
/// substitutions against the whole document.
/// </summary>
/// <remarks>
/// Supported: objects with or without root braces, dotted keys, <c>=</c> / <c>:</c> / no separator
/// before <c>{</c>, arrays, commas or newlines as separators (one trailing comma allowed),
/// <c>#</c> and <c>//</c> comments, quoted / unquoted / triple-quoted strings, value concatenation,
/// object merging, <c>include</c> of files (<c>required(...)</c>, <c>file(...)</c>),
/// <c>${path}</c> / <c>${?path}</c> substitutions (forward references, self-references, environment
/// fallback), <c>+=</c>, null, booleans and numbers. Not supported: <c>url(...)</c> and
/// <c>classpath(...)</c> includes, <c>.properties</c> files, and the conversion of numerically
/// indexed objects to arrays. Limits: 256 nested objects/arrays, 32 nested includes, 512 nested
/// substitutions and <see cref="MaxFileSizeBytes"/> per file; beyond them parsing fails with a
/// <see cref="HoconParseException"/> naming the place.
/// <para>
/// <b>Why not Akka's parser here.</b> Akka's own settings (<c>akka { }</c>) are read with Akka's HOCON parser
/// (<c>Akka.Configuration.ConfigurationFactory</c>). Akka 1.5's parser keeps no source position for a value (no file,
/// line or column on <c>HoconValue</c>), and AkkaCompute promises <c>file:line:column: reason</c> for every problem in a
/// job file and file, line, key, value and constraint for a bad <c>akc</c> setting; so job files and the <c>akc { }</c>
/// settings are read with this parser, which records each value's origin.
/// </para>
/// </remarks>
public static class HoconParser
{
    /// <summary>
    /// Largest file <see cref="ParseFile"/> or an include statement will read: 16 MiB. A larger
    /// file fails with an <see cref="IOException"/> (top-level file) or a <see cref="HoconParseException"/> (include).
    /// </summary>
    public const long MaxFileSizeBytes = 16L * 1024 * 1024;

    /// <summary>Parses HOCON text.</summary>
    /// <param name="text">The document text.</param>
    /// <param name="fileName">
    /// The name used in origins and error messages (default <c>"&lt;string&gt;"</c>). Relative include
    /// names are resolved against its directory; without a file name, against the current directory.
    /// </param>
    /// <param name="environment">
    /// Looks up environment variables for substitutions not found in the document (null or empty
    /// means "not set"); defaults to <see cref="System.Environment.GetEnvironmentVariable(string)"/>.
    /// </param>
    /// <param name="substitutionNames">
    /// Receives the path of every <c>${path}</c> and <c>${?path}</c> written in the document or its includes (segments
    /// joined with '.', the name the environment is asked for), whether or not the environment was asked; null for none.
    /// </param>
    /// <returns>The resolved root object.</returns>
    /// <exception cref="HoconParseException">Syntax errors, include errors, unresolved required substitutions, cycles, invalid concatenations.</exception>
    public static HoconObject Parse(string text, string? fileName = null, Func<string, string?>? environment = null, ICollection<string>? substitutionNames = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var file = fileName ?? HoconOrigin.StringSource;
        var tokens = new HoconTokenizer(text, file).Tokenize();
        var includer = new HoconIncluder(fileName, substitutionNames);
        var document = new HoconSyntaxParser(tokens, includer).ParseDocument();
        var root = HoconTreeBuilder.BuildRoot(document);
        return HoconResolver.Resolve(root, environment ?? System.Environment.GetEnvironmentVariable);
    }

    /// <summary>Reads and parses a HOCON file.</summary>
    /// <param name="path">The file path; origins use it as given.</param>
    /// <param name="environment">Environment lookup, as for <see cref="Parse"/>.</param>
    /// <param name="substitutionNames">Receives the substitutions' names, as for <see cref="Parse"/>.</param>
    /// <returns>The resolved root object.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IOException">The file is larger than <see cref="MaxFileSizeBytes"/> or cannot be read.</exception>
    /// <exception cref="HoconParseException">The document is invalid (see <see cref="Parse"/>).</exception>
    public static HoconObject ParseFile(string path, Func<string, string?>? environment = null, ICollection<string>? substitutionNames = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var info = new FileInfo(path);
        if (!info.Exists) throw new FileNotFoundException($"HOCON file not found: {info.FullName}", path);
        if (info.Length > MaxFileSizeBytes)
            throw new IOException($"HOCON file {info.FullName} is {info.Length} bytes; the limit is {MaxFileSizeBytes} bytes");
        return Parse(File.ReadAllText(path), path, environment, substitutionNames);
    }
}
