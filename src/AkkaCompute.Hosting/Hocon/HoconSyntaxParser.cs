namespace AkkaCompute.Hosting.Hocon;

/// <summary>
/// Recursive-descent parser from tokens to an <see cref="HoconObjectLiteral"/> (objects and fields
/// here; values in <c>HoconSyntaxParser.Values.cs</c>; include statements in
/// <c>HoconSyntaxParser.Include.cs</c>). It does no merging and no substitution.
/// </summary>
internal sealed partial class HoconSyntaxParser
{
    /// <summary>Deepest nesting of objects and arrays accepted; deeper input fails with a parse error instead of overflowing the stack.</summary>
    public const int MaxNestingDepth = 256;

    private readonly List<HoconToken> _tokens;
    private readonly HoconIncluder _includer;
    private int _index;
    private int _depth;

    /// <summary>Creates a parser.</summary>
    /// <param name="tokens">Tokens from <see cref="HoconTokenizer.Tokenize"/>, ending with <see cref="HoconTokenType.End"/>.</param>
    /// <param name="includer">Loads included files.</param>
    public HoconSyntaxParser(List<HoconToken> tokens, HoconIncluder includer)
    {
        _tokens = tokens;
        _includer = includer;
    }

    /// <summary>Parses a whole document: one object, with or without its root braces.</summary>
    /// <returns>The root object literal.</returns>
    /// <exception cref="HoconParseException">Any syntax error, or an error in an included file.</exception>
    public HoconObjectLiteral ParseDocument()
    {
        SkipWhitespaceAndNewlines();
        var first = Peek();
        if (first.Type == HoconTokenType.OpenBracket)
            throw new HoconParseException(first.Origin, "the root of a HOCON document must be an object, not an array");
        HoconObjectLiteral root;
        if (first.Type == HoconTokenType.OpenBrace)
        {
            root = ParseObject();
            SkipWhitespaceAndNewlines();
            var after = Peek();
            if (after.Type != HoconTokenType.End)
                throw new HoconParseException(after.Origin, $"unexpected {after.Describe()} after the root object's closing '}}'");
        }
        else
        {
            root = ParseMembers(braced: false, first.Origin);
        }
        return root;
    }

    // '{' members '}'
    private HoconObjectLiteral ParseObject()
    {
        var open = Next();
        EnterNesting(open);
        var literal = ParseMembers(braced: true, open.Origin);
        _depth--;
        return literal;
    }

    private HoconObjectLiteral ParseMembers(bool braced, HoconOrigin open)
    {
        var members = new List<HoconMember>();
        while (true)
        {
            SkipWhitespaceAndNewlines();
            var t = Peek();
            if (braced && t.Type == HoconTokenType.CloseBrace)
            {
                Next();
                break;
            }
            if (t.Type == HoconTokenType.End)
            {
                if (!braced) break;
                throw new HoconParseException(t.Origin, $"expected '}}' to close the object opened at line {open.Line}, column {open.Column}, found end of input");
            }
            if (t.Type == HoconTokenType.Comma)
                throw new HoconParseException(t.Origin, "unexpected ','; a comma may only follow a field (no leading or doubled commas)");
            if (!braced && t.Type == HoconTokenType.CloseBrace)
                throw new HoconParseException(t.Origin, "unexpected '}' with no matching '{'");

            HoconMember member = IsIncludeStatement() ? ParseInclude() : ParseField();
            members.Add(member);
            ExpectMemberSeparator(member, braced);
        }
        return new HoconObjectLiteral(members, open);
    }

    // After a field: ',' or a newline, or the end of the object.
    private void ExpectMemberSeparator(HoconMember member, bool braced)
    {
        SkipWhitespace();
        var t = Peek();
        switch (t.Type)
        {
            case HoconTokenType.Comma:
                Next();
                return;
            case HoconTokenType.Newline:
            case HoconTokenType.CloseBrace when braced:
            case HoconTokenType.End:
                return;
        }
        var what = member is HoconField f ? $"the value of '{f.Key}'" : "the include statement";
        throw new HoconParseException(t.Origin, $"expected ',' or a newline after {what}, found {t.Describe()}");
    }

    private HoconField ParseField()
    {
        var keyTokens = new List<HoconToken>();
        while (Peek().Type is HoconTokenType.Unquoted or HoconTokenType.QuotedString or HoconTokenType.Whitespace)
            keyTokens.Add(Next());
        var t = Peek();
        if (keyTokens.Count == 0)
        {
            if (t.Type is HoconTokenType.SubstitutionStart or HoconTokenType.OptionalSubstitutionStart)
                throw new HoconParseException(t.Origin, "substitutions are not allowed in keys");
            throw new HoconParseException(t.Origin, $"expected a key, found {t.Describe()}");
        }
        var key = HoconPathExpression.FromTokens(keyTokens, "key");
        var keyOrigin = keyTokens.First(k => k.Type != HoconTokenType.Whitespace).Origin;

        switch (t.Type)
        {
            case HoconTokenType.Colon:
            case HoconTokenType.Equals:
            case HoconTokenType.PlusEquals:
                Next();
                SkipWhitespaceAndNewlines();
                return new HoconField(key, ParseValue($"'{key}'"), t.Type == HoconTokenType.PlusEquals, keyOrigin);
            case HoconTokenType.OpenBrace:
                return new HoconField(key, ParseValue($"'{key}'"), false, keyOrigin);
            case HoconTokenType.SubstitutionStart or HoconTokenType.OptionalSubstitutionStart:
                throw new HoconParseException(t.Origin, $"substitutions are not allowed in keys (after '{key}')");
            default:
                throw new HoconParseException(t.Origin, $"expected '=' or ':' after key '{key}'");
        }
    }

    private void EnterNesting(HoconToken open)
    {
        if (++_depth > MaxNestingDepth)
            throw new HoconParseException(open.Origin, $"objects and arrays are nested more than {MaxNestingDepth} deep");
    }

    private HoconToken Peek() => _tokens[_index];

    private HoconToken PeekAfterWhitespace()
    {
        var i = _index;
        while (_tokens[i].Type == HoconTokenType.Whitespace) i++;
        return _tokens[i];
    }

    private HoconToken Next() => _tokens[_index].Type == HoconTokenType.End ? _tokens[_index] : _tokens[_index++];

    private void SkipWhitespace()
    {
        while (Peek().Type == HoconTokenType.Whitespace) _index++;
    }

    private void SkipWhitespaceAndNewlines()
    {
        while (Peek().Type is HoconTokenType.Whitespace or HoconTokenType.Newline) _index++;
    }
}
