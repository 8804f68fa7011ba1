using AkkaCompute.Hosting.Hocon;

namespace AkkaCompute.Hosting.Jobs;

/// <summary>
/// Reads one entry of <c>generators</c>: <c>id-prefix</c>, exactly one of <c>files</c>, <c>lines</c>
/// and <c>range</c>, and the <c>task</c> template; lists its items. Problems go to the reader's errors.
/// </summary>
internal sealed partial class GeneratorReader(JobReader reader, string baseDirectory)
{
    /// <summary>Largest file a <c>lines</c> generator reads: 256 MiB.</summary>
    public const long MaxLinesFileBytes = 256L * 1024 * 1024;

    /// <summary>Longest id prefix: 100 characters.</summary>
    public const int MaxPrefixLength = 100;

    private static readonly string[] Keys = ["id-prefix", "files", "lines", "range", "task"];
    private static readonly string[] Kinds = ["files", "lines", "range"];

    /// <summary>Reads the generator at <paramref name="position"/> (0-based); null after recording errors.</summary>
    /// <param name="value">The entry.</param>
    /// <param name="position">Its index in <c>generators</c>.</param>
    /// <param name="budget">How many tasks it may still create under <c>job.max-tasks</c>.</param>
    public GeneratorSpec? Read(HoconValue value, int position, int budget)
    {
        var before = reader.Errors.Reported;
        var context = $"generator #{position + 1}";
        if (value is not HoconObject gen)
        {
            reader.Errors.Add(value.Origin, $"{context}: must be an object {{ id-prefix = ..., files|lines|range {{ ... }}, task {{ ... }} }}");
            return null;
        }
        reader.CheckKeys(gen, Keys, context);
        var prefix = reader.String(gen, "id-prefix", context, MaxPrefixLength);
        if (prefix is null && JobReader.Get(gen, "id-prefix") is null)
            reader.Errors.Add(gen.Origin, $"{context}: missing 'id-prefix' (generated ids are <id-prefix>-<item>)");
        else if (prefix is not null && PrefixProblem(prefix) is { } problem)
            reader.Bad(context, "id-prefix", JobReader.Get(gen, "id-prefix")!, problem);
        else if (prefix is not null)
            context = $"generator '{prefix}'";
        var template = reader.Object(gen, "task", context);
        if (template is null && JobReader.Get(gen, "task") is null)
            reader.Errors.Add(gen.Origin, $"{context}: missing 'task', the template of the generated tasks");
        var kinds = Kinds.Where(k => JobReader.Get(gen, k) is not null).ToList();
        if (kinds.Count != 1)
        {
            reader.Errors.Add(gen.Origin, kinds.Count == 0
                ? $"{context}: needs one of 'files', 'lines' or 'range'"
                : $"{context}: has {string.Join(" and ", kinds.Select(k => $"'{k}'"))}; use exactly one");
            return null;
        }
        GeneratorSource? source = kinds[0] switch
        {
            "files" => Files(gen, context, budget),
            "lines" => Lines(gen, context, budget),
            _ => Range(gen, context, budget),
        };
        if (source is not null && template is not null) Template.Check(template, source.Names, context, reader.Errors);
        return reader.Errors.Reported == before ? new GeneratorSpec(prefix!, source!, template!, context) : null;
    }

    private static string? PrefixProblem(string prefix) =>
        prefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or ':')
            ? null
            : "must consist of ASCII letters, digits, '-', '_' and ':' (no '.', which separates a $ref's path)";
}
