namespace AkkaCompute.Hosting.Hocon;

/// <summary>
/// Loads included files for <see cref="HoconSyntaxParser"/>. A relative name is resolved against the
/// directory of the including file (the current directory for text that has no file name). When
/// the name has no extension and does not exist, <c>name.conf</c> is tried. A missing file is
/// ignored unless the include is <c>required(...)</c>. Include cycles and nesting deeper than
/// <see cref="MaxIncludeDepth"/> are errors, as is a file larger than <see cref="HoconParser.MaxFileSizeBytes"/>.
/// </summary>
internal sealed class HoconIncluder
{
    /// <summary>How many includes may be nested inside each other.</summary>
    public const int MaxIncludeDepth = 32;

    private readonly List<string> _stack = new();

    /// <summary>Creates an includer for a document read from <paramref name="rootFile"/>.</summary>
    /// <param name="rootFile">The top-level file name, or null for text that did not come from a file.</param>
    /// <param name="substitutionNames">Collects the name of every substitution written in the document and its includes; null for none.</param>
    public HoconIncluder(string? rootFile, ICollection<string>? substitutionNames = null)
    {
        if (rootFile is not null) _stack.Add(Path.GetFullPath(rootFile));
        SubstitutionNames = substitutionNames;
    }

    /// <summary>
    /// Where the parsers of this document record the path of every <c>${path}</c> / <c>${?path}</c> they read, as the
    /// environment is asked for it (segments joined with '.'); null when nobody asked.
    /// </summary>
    public ICollection<string>? SubstitutionNames { get; }

    /// <summary>Parses the included file and returns its root members.</summary>
    /// <param name="name">The file name as written in the include statement.</param>
    /// <param name="required">True for <c>required(...)</c>: a missing file is an error.</param>
    /// <param name="at">Where the file name was written; its file locates relative names.</param>
    /// <returns>The included root object's members, or none when an optional file is missing.</returns>
    /// <exception cref="HoconParseException">Missing required file, unreadable file, cycle, too deep, or an error inside the included file.</exception>
    public IReadOnlyList<HoconMember> Include(string name, bool required, HoconOrigin at)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new HoconParseException(at, "include file name is empty");
        var path = Locate(name, at.File);
        if (path is null)
        {
            if (!required) return Array.Empty<HoconMember>();
            throw new HoconParseException(at, $"required include \"{name}\" not found (looked for {Path.GetFullPath(Candidate(name, at.File))})");
        }
        var fullPath = Path.GetFullPath(path);
        if (_stack.Contains(fullPath))
            throw new HoconParseException(at, $"include cycle: {string.Join(" -> ", _stack.Append(fullPath).Select(Path.GetFileName))}");
        if (_stack.Count >= MaxIncludeDepth)
            throw new HoconParseException(at, $"includes are nested more than {MaxIncludeDepth} deep");

        string text;
        try
        {
            var length = new FileInfo(path).Length;
            if (length > HoconParser.MaxFileSizeBytes)
                throw new HoconParseException(at, $"included file {path} is {length} bytes; the limit is {HoconParser.MaxFileSizeBytes} bytes");
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HoconParseException(at, $"cannot read included file {path}: {e.Message}", e);
        }

        _stack.Add(fullPath);
        try
        {
            var tokens = new HoconTokenizer(text, path).Tokenize();
            return new HoconSyntaxParser(tokens, this).ParseDocument().Members;
        }
        finally
        {
            _stack.RemoveAt(_stack.Count - 1);
        }
    }

    private static string? Locate(string name, string includingFile)
    {
        var candidate = Candidate(name, includingFile);
        if (File.Exists(candidate)) return candidate;
        if (!Path.HasExtension(candidate) && File.Exists(candidate + ".conf")) return candidate + ".conf";
        return null;
    }

    private static string Candidate(string name, string includingFile)
    {
        if (Path.IsPathRooted(name) || includingFile == HoconOrigin.StringSource) return name;
        var directory = Path.GetDirectoryName(includingFile);
        return string.IsNullOrEmpty(directory) ? name : Path.Combine(directory, name);
    }
}
