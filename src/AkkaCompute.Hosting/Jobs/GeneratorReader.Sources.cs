using AkkaCompute.Hosting.Hocon;
using AkkaCompute.Hosting.Settings;
using Microsoft.Extensions.FileSystemGlobbing;

namespace AkkaCompute.Hosting.Jobs;

/// <summary>The three kinds of generator source: <c>files</c>, <c>lines</c> and <c>range</c>.</summary>
internal sealed partial class GeneratorReader
{
    private FileSource? Files(HoconObject gen, string context, int budget)
    {
        var files = reader.Object(gen, "files", context);
        if (files is null) return null;
        var where = context + ": files";
        reader.CheckKeys(files, ["dir", "glob", "exclude", "dir-links"], where);
        var dir = ExistingPath(files, "dir", where, directory: true);
        var globs = Globs(files, "glob", where) ?? ["**/*"];
        var excludes = Globs(files, "exclude", where) ?? [];
        var links = DirLinks(files, where);
        if (dir is null || links is null) return null;
        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddIncludePatterns(globs);
        matcher.AddExcludePatterns(excludes);
        var lister = new FileLister(matcher, links.Value, budget);
        if (lister.List(dir) is not { } paths)
        {
            reader.Errors.Add(files.Origin, $"{where}: {lister.Problem}");
            return null;
        }
        paths.Sort(StringComparer.Ordinal);
        return new FileSource(dir, paths);
    }

    private DirectoryLinks? DirLinks(HoconObject files, string where)
    {
        var text = reader.String(files, "dir-links", where, 100);
        switch (text)
        {
            case null when JobReader.Get(files, "dir-links") is null:
            case "follow-once":
                return DirectoryLinks.FollowOnce;
            case "skip":
                return DirectoryLinks.Skip;
            case null:
                return null;
            default:
                reader.Bad(where, "dir-links", JobReader.Get(files, "dir-links")!, "must be \"follow-once\" (the default: each directory listed at most once, by device and inode) or \"skip\" (symbolic links to directories are not entered)");
                return null;
        }
    }

    private IReadOnlyList<string>? Globs(HoconObject files, string key, string where) =>
        JobReader.Get(files, key) is HoconArray ? reader.StringList(files, key, where, 1000)
        : reader.String(files, key, where, 1000) is { } single ? [single] : null;

    private LineSource? Lines(HoconObject gen, string context, int budget)
    {
        var lines = reader.Object(gen, "lines", context);
        if (lines is null) return null;
        var where = context + ": lines";
        reader.CheckKeys(lines, ["file"], where);
        var file = ExistingPath(lines, "file", where, directory: false);
        if (file is null) return null;
        var origin = JobReader.Get(lines, "file")!;
        try
        {
            if (new FileInfo(file).Length > MaxLinesFileBytes)
            {
                reader.Bad(where, "file", origin, $"is larger than {SettingsFormat.Size(MaxLinesFileBytes)}");
                return null;
            }
            var items = new List<(int, string)>();
            var number = 0;
            foreach (var line in File.ReadLines(file))
            {
                number++;
                var text = line.Trim();
                if (text.Length == 0 || text[0] == '#') continue;
                if (items.Count == budget)
                {
                    reader.Bad(where, "file", origin, $"has more than the {SettingsFormat.Number(budget)} items left under job.max-tasks");
                    return null;
                }
                items.Add((number, text));
            }
            return new LineSource(items);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            reader.Bad(where, "file", origin, $"cannot be read: {e.Message}");
            return null;
        }
    }

    private RangeSource? Range(HoconObject gen, string context, int budget)
    {
        var range = reader.Object(gen, "range", context);
        if (range is null) return null;
        var where = context + ": range";
        reader.CheckKeys(range, ["from", "to", "step"], where);
        var from = reader.Long(range, "from", where, long.MinValue / 4, long.MaxValue / 4);
        var to = reader.Long(range, "to", where, long.MinValue / 4, long.MaxValue / 4);
        var step = reader.Long(range, "step", where, long.MinValue / 4, long.MaxValue / 4) ?? 1;
        foreach (var key in new[] { "from", "to" })
        {
            if (JobReader.Get(range, key) is null) reader.Errors.Add(range.Origin, $"{where}: missing '{key}'");
        }
        if (step == 0)
        {
            reader.Bad(where, "step", JobReader.Get(range, "step")!, "must not be 0");
            return null;
        }
        if (from is not { } f || to is not { } t) return null;
        if ((t - f) * Math.Sign(step) < 0)
        {
            reader.Errors.Add(range.Origin, $"{where}: from {f} to {t} with step {step} is empty (use a negative step to count down)");
            return null;
        }
        var count = ((Int128)t - f) / step + 1;
        if (count > budget)
        {
            reader.Errors.Add(range.Origin, $"{where}: has {count} numbers, more than the {SettingsFormat.Number(budget)} tasks left under job.max-tasks");
            return null;
        }
        return new RangeSource(f, step, (int)count);
    }

    private string? ExistingPath(HoconObject obj, string key, string where, bool directory)
    {
        var text = reader.String(obj, key, where, 4096);
        if (text is null)
        {
            if (JobReader.Get(obj, key) is null)
                reader.Errors.Add(obj.Origin, $"{where}: missing '{key}'{(directory ? " (the directory to list; relative paths are relative to the job file)" : " (relative paths are relative to the job file)")}");
            return null;
        }
        var full = Path.GetFullPath(Path.Combine(baseDirectory, text));
        var exists = directory ? Directory.Exists(full) : File.Exists(full);
        if (exists) return full;
        reader.Bad(where, key, JobReader.Get(obj, key)!, $"{(directory ? "directory" : "file")} '{full}' does not exist");
        return null;
    }
}
