using System.Globalization;

namespace AkkaCompute.Hosting.Jobs;

/// <summary>
/// <c>range { from, to, step }</c>: the whole numbers from <c>from</c> to <c>to</c> inclusive by
/// <c>step</c> (default 1; negative counts down). Variables: <c>item</c> (the number), <c>index</c>.
/// Id suffix: the number.
/// </summary>
internal sealed class RangeSource(long from, long step, int count) : GeneratorSource
{
    private static readonly string[] VariableNames = ["item", "index"];

    public override int Count => count;

    public override IReadOnlyCollection<string> Names => VariableNames;

    public override GeneratorItem Item(int index)
    {
        var value = from + (step * index);
        return new GeneratorItem(value.ToString(CultureInfo.InvariantCulture), new Dictionary<string, TemplateValue>(StringComparer.Ordinal)
        {
            ["item"] = Number(value), ["index"] = Number(index),
        });
    }
}
