namespace AkkaCompute.Hosting.Hocon;

/// <summary>
/// Include statements: <c>include "f"</c>, <c>include file("f")</c>, <c>include required("f")</c>,
/// <c>include required(file("f"))</c>. <c>url(...)</c> and <c>classpath(...)</c> are rejected.
/// </summary>
internal sealed partial class HoconSyntaxParser
{
    // The unquoted word 'include' at the start of a key, followed by whitespace, starts an include.
    private bool IsIncludeStatement()
    {
        var t = Peek();
        if (t.Type != HoconTokenType.Unquoted || t.Text != "include") return false;
        var next = _tokens[_index + 1].Type;
        return next is HoconTokenType.Whitespace or HoconTokenType.Newline;
    }

    private HoconInclude ParseInclude()
    {
        var keyword = Next();
        SkipWhitespaceAndNewlines();
        var required = false;
        var wrappers = 0;
        var t = Next();
        // Wrappers may be one token ("required(file(") or several separated by whitespace ("required( file(").
        while (t.Type == HoconTokenType.Unquoted)
        {
            var rest = t.Text;
            while (rest.Length > 0)
            {
                if (rest.StartsWith("required(", StringComparison.Ordinal) && wrappers == 0) { required = true; rest = rest["required(".Length..]; }
                else if (rest.StartsWith("file(", StringComparison.Ordinal)) rest = rest["file(".Length..];
                else if (rest.StartsWith("url(", StringComparison.Ordinal) || rest.StartsWith("classpath(", StringComparison.Ordinal))
                    throw new HoconParseException(t.Origin, "only file includes are supported: use include \"name\", file(\"name\") or required(\"name\")");
                else throw IncludeSyntaxError(t);
                wrappers++;
            }
            SkipWhitespace();
            t = Next();
        }
        if (t.Type != HoconTokenType.QuotedString) throw IncludeSyntaxError(t);
        var name = t.Text;
        ExpectClosingParens(wrappers);
        return new HoconInclude(_includer.Include(name, required, t.Origin), keyword.Origin);
    }

    private void ExpectClosingParens(int count)
    {
        while (count > 0)
        {
            SkipWhitespace();
            var t = Peek();
            if (t.Type != HoconTokenType.Unquoted || t.Text.Any(c => c != ')') || t.Text.Length > count)
                throw new HoconParseException(t.Origin, $"expected {count} closing ')' in the include statement, found {t.Describe()}");
            Next();
            count -= t.Text.Length;
        }
    }

    private static HoconParseException IncludeSyntaxError(HoconToken t) =>
        new(t.Origin, $"include must be followed by a quoted file name, file(\"name\") or required(\"name\"), found {t.Describe()}");
}
