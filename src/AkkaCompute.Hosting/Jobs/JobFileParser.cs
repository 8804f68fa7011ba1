using AkkaCompute.Hosting.Hocon;

namespace AkkaCompute.Hosting.Jobs;

/// <summary>
/// Reads a job file (HOCON, so plain JSON works too) and refuses it, before anything runs, with every
/// problem found (up to <see cref="MaxErrors"/>), each with file, line, column and reason.
/// </summary>
/// <remarks>
/// <para>Top-level keys (any other is an error): <c>job</c>, <c>defaults</c>, <c>tasks</c>, <c>generators</c>,
/// and <c>vars</c>, a free object for the file's own <c>${vars.x}</c> substitutions.</para>
/// <code>
/// job { name = "hash-tree", output = "results.jsonl", workers = 4, max-tasks = 1000000 }
/// defaults { timeout = 30s, max-retries = 2, priority = 0, backoff-base = 200ms, backoff-max = 30s,
///            cache = true, cwd = ".", env { LC_ALL = C }, tags = ["demo"] }
/// tasks = [
///   { id = "a", function = "sha256", args { file = "/etc/hostname" } }
///   { id = "b", shell = "gzip -c x > x.gz", timeout = 5s, priority = 5, inputs = ["x"], env { K = V }, cwd = "/tmp" }
///   { id = "c", function = "merge", args = [ { "$ref" = "a" }, { "$ref" = "b.stdout" } ], depends-on = ["a"] }
///   { id = "total", function = "sum", args = [ { "$each" = "n" } ] }
/// ]
/// generators = [
///   { id-prefix = "file", files { dir = ${?DIR}, glob = "**/*.txt" }, task { function = "sha256", args { file = "{{path}}" } } }
///   { id-prefix = "line", lines { file = "urls.txt" }, task { shell = "curl -s {{item:q}}" } }
///   { id-prefix = "n", range { from = 1, to = 100, step = 1 }, task { function = "echo", args { value = "{{item}}" } } }
/// ]
/// </code>
/// <para>Task keys (any other is an error, with a suggestion): <c>id</c> (required for listed tasks), exactly one of
/// <c>function</c> and <c>shell</c>, <c>args</c> (functions; an object or a list), <c>cwd</c>, <c>env</c> (shell only),
/// <c>inputs</c> (files the task reads, both kinds: their content is part of the cache key and a changed one makes a
/// resubmitted task that succeeded run again; <c>sha256</c> and <c>word-count</c> declare their <c>file</c> themselves), <c>timeout</c> (greater than 0, at most 7d), <c>max-retries</c> (0..100), <c>backoff-base</c>,
/// <c>backoff-max</c> (greater than 0, at most 1d), <c>priority</c> (-1,000,000..1,000,000), <c>cache</c>,
/// <c>depends-on</c> (ids) and <c>tags</c>. Defaults apply to every task that does not set
/// its own (<c>env</c> merges, <c>tags</c> are prepended). A shell task's <c>cwd</c> defaults to the job
/// file's directory; relative <c>cwd</c>, <c>output</c>, <c>files.dir</c> and <c>lines.file</c> are
/// resolved against the job file's directory, relative <c>inputs</c> against the task's <c>cwd</c> (a function task's:
/// the defaults' <c>cwd</c>, else the job file's directory).</para>
/// <para>References: <c>{ "$ref" = "id" }</c> or <c>{ "$ref" = "id.path.0" }</c> (quote the key) anywhere in
/// <c>args</c> uses another task's result; <c>{ "$each" = "prefix" }</c> or <c>{ "$each" = "prefix.path" }</c>
/// stands for the list of references to every task of the generator with that id prefix.</para>
/// <para>Generators create one task per file (<c>files { dir, glob = "**/*" (a pattern or a list),
/// exclude = [] }</c>, sorted by relative path), per non-blank, non-<c>#</c> line (<c>lines { file }</c>) or per
/// number (<c>range { from, to, step = 1 }</c>, inclusive). The <c>task</c> template uses <c>{{name}}</c>
/// placeholders, or <c>{{name:q}}</c> for the text quoted for /bin/sh (use it for file names in
/// commands); a string that is exactly one number placeholder becomes a JSON number; an unknown name is
/// an error. Files have item/path (absolute), relpath, name, stem, index;
/// lines have item, line, index; ranges have item, index. Generated ids are <c>prefix-relpath</c>
/// (sanitized: characters other than ASCII letters, digits, '-', '_', ':', '.', '/' become '_'; clashes get
/// <c>-2</c>, <c>-3</c>, ...), <c>prefix-lineNumber</c> or <c>prefix-number</c>, unless the template sets
/// its own <c>id</c>. Listed tasks come first, then generated tasks in generator order.</para>
/// </remarks>
public static class JobFileParser
{
    /// <summary>Most problems collected before giving up: 50.</summary>
    public const int MaxErrors = 50;

    /// <summary>Default <c>job.max-tasks</c>: 1,000,000.</summary>
    public const int DefaultMaxTasks = 1_000_000;

    /// <summary>Largest accepted <c>job.max-tasks</c>: 10,000,000.</summary>
    public const int MaxTasksLimit = 10_000_000;

    /// <summary>The keys a job file may have at its top level.</summary>
    public static readonly IReadOnlyList<string> TopLevelKeys = ["job", "defaults", "tasks", "generators", "vars"];

    /// <summary>Reads and checks a job file.</summary>
    /// <param name="path">The file; messages name it as given. Relative paths inside resolve against its directory.</param>
    /// <param name="env">Environment lookup for <c>${?VAR}</c> substitutions; null for the process environment.</param>
    /// <param name="checks">The caller's own checks (known functions, a per-task check); null for none.</param>
    /// <returns>The job.</returns>
    /// <exception cref="JobFileException">The file is missing, unreadable, larger than 16 MiB, not valid HOCON, invalid as a job, or fails <paramref name="checks"/>.</exception>
    public static JobDefinition ParseFile(string path, Func<string, string?>? env = null, JobChecks? checks = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        HoconObject root;
        var substitutions = new SortedSet<string>(StringComparer.Ordinal);
        try
        {
            root = HoconParser.ParseFile(path, env, substitutions);
        }
        catch (HoconParseException e)
        {
            throw new JobFileException([new JobFileError(e.File, e.Line, e.Column, e.Reason)], inner: e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var reason = e is FileNotFoundException ? $"job file not found ({Path.GetFullPath(path)})" : $"cannot read the job file: {e.Message}";
            throw new JobFileException([new JobFileError(path, 0, 0, reason)], inner: e);
        }
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        return new JobAssembler(directory, checks).Build(root, path, Path.GetFileNameWithoutExtension(path)) with { SubstitutionNames = substitutions };
    }

    /// <summary>Reads and checks job text.</summary>
    /// <param name="text">The HOCON or JSON text.</param>
    /// <param name="fileName">The name used in messages (and for includes); null for <c>"&lt;string&gt;"</c>.</param>
    /// <param name="baseDirectory">The directory relative paths resolve against.</param>
    /// <param name="env">Environment lookup for <c>${?VAR}</c> substitutions; null for the process environment.</param>
    /// <param name="checks">The caller's own checks (known functions, a per-task check); null for none.</param>
    /// <returns>The job; its name defaults to the file name without extension, or <c>job</c>.</returns>
    /// <exception cref="JobFileException">The text is not valid HOCON, not a valid job, or fails <paramref name="checks"/>.</exception>
    public static JobDefinition Parse(string text, string? fileName, string baseDirectory, Func<string, string?>? env = null, JobChecks? checks = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrEmpty(baseDirectory);
        HoconObject root;
        var substitutions = new SortedSet<string>(StringComparer.Ordinal);
        try
        {
            root = HoconParser.Parse(text, fileName, env, substitutions);
        }
        catch (HoconParseException e)
        {
            throw new JobFileException([new JobFileError(e.File, e.Line, e.Column, e.Reason)], inner: e);
        }
        var name = fileName is null ? "job" : Path.GetFileNameWithoutExtension(fileName);
        return new JobAssembler(Path.GetFullPath(baseDirectory), checks).Build(root, fileName, name.Length == 0 ? "job" : name) with { SubstitutionNames = substitutions };
    }
}
