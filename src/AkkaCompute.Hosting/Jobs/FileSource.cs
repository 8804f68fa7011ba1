namespace AkkaCompute.Hosting.Jobs;

/// <summary>
/// <c>files { dir, glob, exclude, dir-links }</c> (listed by <see cref="FileLister"/>): one item per matching file, ordered by relative path
/// (ordinal). Variables: <c>item</c> and <c>path</c> (absolute path), <c>relpath</c> (relative to
/// <c>dir</c>, with <c>/</c>), <c>name</c> (file name), <c>stem</c> (name without extension),
/// <c>index</c> (0-based). Id suffix: the relative path.
/// </summary>
internal sealed class FileSource(string directory, IReadOnlyList<string> relativePaths) : GeneratorSource
{
    private static readonly string[] VariableNames = ["item", "path", "relpath", "name", "stem", "index"];

    public override int Count => relativePaths.Count;

    public override IReadOnlyCollection<string> Names => VariableNames;

    public override GeneratorItem Item(int index)
    {
        var relative = relativePaths[index];
        var full = Path.GetFullPath(Path.Combine(directory, relative));
        var name = Path.GetFileName(relative);
        return new GeneratorItem(relative, new Dictionary<string, TemplateValue>(StringComparer.Ordinal)
        {
            ["item"] = Text(full), ["path"] = Text(full), ["relpath"] = Text(relative),
            ["name"] = Text(name), ["stem"] = Text(Path.GetFileNameWithoutExtension(name)), ["index"] = Number(index),
        });
    }
}
