namespace AkkaCompute.Hosting.Hocon;

/// <summary>Values: simple values, concatenations, substitutions, arrays and nested objects.</summary>
internal sealed partial class HoconSyntaxParser
{
    // A value is one or more parts on the same line; whitespace between parts is kept for string concatenation.
    private HoconValue ParseValue(string owner)
    {
        var parts = new List<HoconValue>();
        while (true)
        {
            var t = Peek();
            if (t.Type == HoconTokenType.Whitespace)
            {
                if (parts.Count > 0 && StartsValue(PeekAfterWhitespace().Type)) parts.Add(new HoconWhitespace(Next().Text, t.Origin));
                else SkipWhitespace();
                if (!StartsValue(Peek().Type)) break;
                continue;
            }
            if (!StartsValue(t.Type)) break;
            parts.Add(ParsePart());
        }
        if (parts.Count == 0)
        {
            var t = Peek();
            throw new HoconParseException(t.Origin, $"expected a value for {owner}, found {t.Describe()}");
        }
        return parts.Count == 1 ? parts[0] : new HoconConcatenation(parts, parts[0].Origin);
    }

    private static bool StartsValue(HoconTokenType type) => type is
        HoconTokenType.Unquoted or HoconTokenType.QuotedString or HoconTokenType.OpenBrace or HoconTokenType.OpenBracket
        or HoconTokenType.SubstitutionStart or HoconTokenType.OptionalSubstitutionStart;

    private HoconValue ParsePart()
    {
        var t = Peek();
        switch (t.Type)
        {
            case HoconTokenType.Unquoted:
                Next();
                return HoconScalar.FromUnquoted(t.Text, t.Origin);
            case HoconTokenType.QuotedString:
                Next();
                return HoconScalar.String(t.Text, t.Origin);
            case HoconTokenType.OpenBrace:
                return ParseObject();
            case HoconTokenType.OpenBracket:
                return ParseArray();
            default:
                return ParseSubstitution();
        }
    }

    // '${' ['?'] path '}'
    private HoconSubstitution ParseSubstitution()
    {
        var start = Next();
        var pathTokens = new List<HoconToken>();
        while (Peek().Type is HoconTokenType.Unquoted or HoconTokenType.QuotedString or HoconTokenType.Whitespace)
            pathTokens.Add(Next());
        var end = Peek();
        if (end.Type != HoconTokenType.CloseBrace)
            throw new HoconParseException(end.Origin, $"expected '}}' to close the substitution started at line {start.Origin.Line}, column {start.Origin.Column}, found {end.Describe()}");
        Next();
        if (pathTokens.Count == 0) throw new HoconParseException(start.Origin, "empty substitution '${}'");
        var path = HoconPathExpression.FromTokens(pathTokens, "substitution");
        _includer.SubstitutionNames?.Add(string.Join('.', path.Segments));
        return new HoconSubstitution(path, start.Type == HoconTokenType.OptionalSubstitutionStart, start.Origin);
    }

    // '[' elements ']' with ',' or newlines between elements and at most one trailing ','.
    private HoconArray ParseArray()
    {
        var open = Next();
        EnterNesting(open);
        var items = new List<HoconValue>();
        while (true)
        {
            SkipWhitespaceAndNewlines();
            var t = Peek();
            if (t.Type == HoconTokenType.CloseBracket)
            {
                Next();
                break;
            }
            if (t.Type == HoconTokenType.End)
                throw new HoconParseException(t.Origin, $"expected ']' to close the array opened at line {open.Origin.Line}, column {open.Origin.Column}, found end of input");
            if (t.Type == HoconTokenType.Comma)
                throw new HoconParseException(t.Origin, "unexpected ',' in array; a comma may only follow an element (no leading or doubled commas)");
            items.Add(ParseValue("an array element"));
            SkipWhitespace();
            var after = Peek();
            if (after.Type == HoconTokenType.Comma) Next();
            else if (after.Type is not (HoconTokenType.Newline or HoconTokenType.CloseBracket or HoconTokenType.End))
                throw new HoconParseException(after.Origin, $"expected ',', a newline or ']' after an array element, found {after.Describe()}");
        }
        _depth--;
        return new HoconArray(items, open.Origin);
    }
}
