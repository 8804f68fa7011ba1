using System.Text.RegularExpressions;
using AkkaCompute.Hosting.Hocon;

namespace AkkaCompute.Hosting.Jobs;

/// <summary>
/// Generator templates. In every string value of a generator's <c>task</c> (at any depth; keys are
/// not expanded), <c>{{name}}</c> is replaced with a variable of the current item, and
/// <c>{{name:q}}</c> with the same text quoted for <c>/bin/sh</c> (single quotes), which a shell
/// command should use for file names. Spaces inside the braces are allowed (<c>{{ item }}</c>).
/// A string that is exactly one unquoted placeholder of a number (<c>index</c>, <c>line</c>, a range's
/// <c>item</c>) becomes a JSON number. An unknown name or filter is an error; text such as
/// <c>{{ }}</c> that is not a placeholder is left alone. The syntax avoids HOCON's own <c>${...}</c>.
/// </summary>
internal static partial class Template
{
    /// <summary>The shell-quoting filter: <c>q</c>.</summary>
    public const string QuoteFilter = "q";

    [GeneratedRegex(@"\{\{\s*([A-Za-z_][A-Za-z0-9_-]*)\s*(?::\s*([A-Za-z]+)\s*)?\}\}", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Placeholder();

    /// <summary>Records every unknown placeholder name or filter in <paramref name="template"/>.</summary>
    public static void Check(HoconValue template, IReadOnlyCollection<string> names, string context, JobErrors errors)
    {
        foreach (var scalar in Strings(template))
        {
            foreach (Match m in Placeholder().Matches(scalar.Text))
            {
                if (!names.Contains(m.Groups[1].Value))
                    errors.Add(scalar.Origin, $"{context}: unknown placeholder '{m.Value}' (known: {string.Join(", ", names.Select(n => "{{" + n + "}}"))})");
                else if (m.Groups[2].Success && m.Groups[2].Value != QuoteFilter)
                    errors.Add(scalar.Origin, $"{context}: unknown filter ':{m.Groups[2].Value}' in '{m.Value}' (the only filter is ':q', shell quoting)");
            }
        }
    }

    /// <summary>Expands one string; unknown names are left as written (<see cref="Check"/> reports them).</summary>
    public static string Expand(string text, GeneratorItem item) =>
        !text.Contains("{{", StringComparison.Ordinal)
            ? text
            : Placeholder().Replace(text, m => item.Values.TryGetValue(m.Groups[1].Value, out var v)
                ? m.Groups[2].Success && m.Groups[2].Value == QuoteFilter ? ShellQuote(v.Text) : v.Text
                : m.Value);

    /// <summary>A copy of <paramref name="template"/> with every string expanded for <paramref name="item"/>.</summary>
    public static HoconValue Expand(HoconValue template, GeneratorItem item)
    {
        switch (template)
        {
            case HoconObject obj:
                var result = HoconObject.Empty(obj.Origin);
                foreach (var key in obj.Keys)
                {
                    obj.TryGetField(key, out var field);
                    result = result.With(key, Expand(field!, item));
                }
                return result;
            case HoconArray array:
                return new HoconArray(array.Items.Select(i => Expand(i, item)), array.Origin);
            case HoconScalar { Type: HoconValueType.String } scalar when scalar.Text.Contains("{{", StringComparison.Ordinal):
                var whole = Placeholder().Match(scalar.Text);
                if (whole.Success && whole.Length == scalar.Text.Length && !whole.Groups[2].Success &&
                    item.Values.TryGetValue(whole.Groups[1].Value, out var v) && v.IsNumber)
                    return HoconScalar.FromUnquoted(v.Text, scalar.Origin);
                return HoconScalar.String(Expand(scalar.Text, item), scalar.Origin);
            default:
                return template;
        }
    }

    /// <summary>Quotes text for /bin/sh: wrapped in single quotes, each <c>'</c> written as <c>'\''</c>.</summary>
    public static string ShellQuote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static IEnumerable<HoconScalar> Strings(HoconValue value)
    {
        var pending = new Stack<HoconValue>();
        pending.Push(value);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case HoconObject obj:
                    foreach (var key in obj.Keys.Reverse())
                    {
                        obj.TryGetField(key, out var field);
                        pending.Push(field!);
                    }
                    break;
                case HoconArray array:
                    foreach (var item in array.Items.Reverse()) pending.Push(item);
                    break;
                case HoconScalar { Type: HoconValueType.String } scalar:
                    yield return scalar;
                    break;
            }
        }
    }
}
