using System.Globalization;

namespace AkkaCompute.Hosting.Jobs;

/// <summary>The items a generator creates tasks for, computed on demand from a compact list.</summary>
internal abstract class GeneratorSource
{
    /// <summary>Number of items.</summary>
    public abstract int Count { get; }

    /// <summary>The template variables this kind of source defines.</summary>
    public abstract IReadOnlyCollection<string> Names { get; }

    /// <summary>The item at a 0-based index.</summary>
    public abstract GeneratorItem Item(int index);

    /// <summary>A number's template value.</summary>
    protected static TemplateValue Number(long n) => new(n.ToString(CultureInfo.InvariantCulture), true);

    /// <summary>A text template value.</summary>
    protected static TemplateValue Text(string s) => new(s, false);
}
