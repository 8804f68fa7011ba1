using System.Globalization;

namespace AkkaCompute.Hosting.Jobs;

/// <summary>
/// <c>lines { file }</c>: one item per line that is neither blank nor a comment (first non-space
/// character <c>#</c>), trimmed. Variables: <c>item</c> (the line), <c>line</c> (1-based line
/// number in the file), <c>index</c> (0-based among items). Id suffix: the line number.
/// </summary>
internal sealed class LineSource(IReadOnlyList<(int Line, string Text)> lines) : GeneratorSource
{
    private static readonly string[] VariableNames = ["item", "line", "index"];

    public override int Count => lines.Count;

    public override IReadOnlyCollection<string> Names => VariableNames;

    public override GeneratorItem Item(int index)
    {
        var (line, text) = lines[index];
        return new GeneratorItem(line.ToString(CultureInfo.InvariantCulture), new Dictionary<string, TemplateValue>(StringComparer.Ordinal)
        {
            ["item"] = Text(text), ["line"] = Number(line), ["index"] = Number(index),
        });
    }
}
