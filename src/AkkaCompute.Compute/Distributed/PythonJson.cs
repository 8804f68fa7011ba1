using System.Text;

namespace AkkaCompute.Compute.Distributed;

/// <summary>
/// Writes strings and the merkle clock's entry list exactly as Python's <c>json.dumps</c> does with its defaults
/// (<c>ensure_ascii=True</c>, separators <c>", "</c> and <c>": "</c>), so that hashes over the text can be checked by an
/// independent implementation in a few lines of Python.
/// </summary>
internal static class PythonJson
{
    /// <summary>Appends <paramref name="value"/> as a JSON string literal: <c>"</c>, <c>\</c> and control characters escaped, every non-ASCII UTF-16 unit as <c>\uXXXX</c>.</summary>
    public static void AppendString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                default:
                    if (c < 0x20 || c > 0x7e)
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4"));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        text.Append('"');
    }

    /// <summary>Compares two strings by Unicode code point, as Python's <c>sorted</c> orders <c>str</c> values (ordinal UTF-16 order differs above U+FFFF).</summary>
    public static int CompareCodePoints(string a, string b)
    {
        var i = 0;
        var j = 0;
        while (i < a.Length && j < b.Length)
        {
            var x = NextCodePoint(a, ref i);
            var y = NextCodePoint(b, ref j);
            if (x != y)
            {
                return x.CompareTo(y);
            }
        }

        return (a.Length - i).CompareTo(b.Length - j);
    }

    private static int NextCodePoint(string s, ref int index)
    {
        if (char.IsHighSurrogate(s[index]) && index + 1 < s.Length && char.IsLowSurrogate(s[index + 1]))
        {
            var cp = char.ConvertToUtf32(s[index], s[index + 1]);
            index += 2;
            return cp;
        }

        return s[index++];
    }
}
