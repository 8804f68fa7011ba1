namespace AkkaCompute.Hosting.Hocon;

/// <summary>
/// Splits HOCON text into tokens (see <see cref="HoconTokenType"/>). Comments (<c>#</c> and
/// <c>//</c> to the end of the line) are dropped; the newline that ends them is kept. Quoted-string
/// handling lives in <c>HoconTokenizer.Strings.cs</c>.
/// </summary>
internal sealed partial class HoconTokenizer
{
    // Forbidden in unquoted text by the spec; the ones with no token of their own are errors.
    private const string ReservedChars = "`^?!@*&\\";
    private const string UnquotedStoppers = "$\"{}[]:=,+#`^?!@*&\\";

    private readonly string _text;
    private readonly string _file;
    private readonly List<HoconToken> _tokens = new();
    private int _pos;
    private int _line = 1;
    private int _lineStart = -1; // index of the '\n' that ended the previous line

    /// <summary>Creates a tokenizer.</summary>
    /// <param name="text">The HOCON text.</param>
    /// <param name="file">The file name for origins, or <see cref="HoconOrigin.StringSource"/>.</param>
    public HoconTokenizer(string text, string file)
    {
        _text = text ?? throw new ArgumentNullException(nameof(text));
        _file = file ?? throw new ArgumentNullException(nameof(file));
    }

    /// <summary>Tokenizes the whole text.</summary>
    /// <returns>The tokens; the last one is <see cref="HoconTokenType.End"/>.</returns>
    /// <exception cref="HoconParseException">A reserved character, an unterminated string, or a bad escape.</exception>
    public List<HoconToken> Tokenize()
    {
        while (_pos < _text.Length) ReadToken();
        _tokens.Add(new HoconToken(HoconTokenType.End, "", Here()));
        return _tokens;
    }

    private void ReadToken()
    {
        var c = _text[_pos];
        var next = _pos + 1 < _text.Length ? _text[_pos + 1] : '\0';
        switch (c)
        {
            case '\n':
                Emit(HoconTokenType.Newline, "\n", 1);
                _line++;
                _lineStart = _pos - 1;
                return;
            case '#':
                SkipComment();
                return;
            case '/' when next == '/':
                SkipComment();
                return;
            case '"':
                ReadQuoted();
                return;
            case '$' when next == '{':
                if (_pos + 2 < _text.Length && _text[_pos + 2] == '?') Emit(HoconTokenType.OptionalSubstitutionStart, "${?", 3);
                else Emit(HoconTokenType.SubstitutionStart, "${", 2);
                return;
            case '$':
                throw Error("'$' must start a substitution '${...}'; put a literal '$' in quotes");
            case '+' when next == '=':
                Emit(HoconTokenType.PlusEquals, "+=", 2);
                return;
            case '+':
                throw Error("'+' is only allowed as part of '+='; put a literal '+' in quotes");
            case '{': Emit(HoconTokenType.OpenBrace, "{", 1); return;
            case '}': Emit(HoconTokenType.CloseBrace, "}", 1); return;
            case '[': Emit(HoconTokenType.OpenBracket, "[", 1); return;
            case ']': Emit(HoconTokenType.CloseBracket, "]", 1); return;
            case ',': Emit(HoconTokenType.Comma, ",", 1); return;
            case ':': Emit(HoconTokenType.Colon, ":", 1); return;
            case '=': Emit(HoconTokenType.Equals, "=", 1); return;
        }
        if (IsWhitespace(c)) ReadWhitespace();
        else if (ReservedChars.Contains(c)) throw Error($"character '{c}' is reserved in HOCON; put it in quotes");
        else ReadUnquoted();
    }

    private void ReadWhitespace()
    {
        var start = _pos;
        while (_pos < _text.Length && _text[_pos] != '\n' && IsWhitespace(_text[_pos])) _pos++;
        _tokens.Add(new HoconToken(HoconTokenType.Whitespace, _text[start.._pos], OriginAt(start)));
    }

    private void ReadUnquoted()
    {
        var start = _pos;
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (IsWhitespace(c) || UnquotedStoppers.Contains(c)) break;
            if (c == '/' && _pos + 1 < _text.Length && _text[_pos + 1] == '/') break;
            _pos++;
        }
        _tokens.Add(new HoconToken(HoconTokenType.Unquoted, _text[start.._pos], OriginAt(start)));
    }

    private void SkipComment()
    {
        while (_pos < _text.Length && _text[_pos] != '\n') _pos++;
    }

    private void Emit(HoconTokenType type, string text, int length)
    {
        _tokens.Add(new HoconToken(type, text, Here()));
        _pos += length;
    }

    private HoconOrigin Here() => OriginAt(_pos);

    private HoconOrigin OriginAt(int index) => new(_file, _line, index - _lineStart);

    private HoconParseException Error(string reason) => new(Here(), reason);

    /// <summary>HOCON whitespace: Unicode separators, ASCII controls 0x09-0x0D and 0x1C-0x1F, and the BOM.</summary>
    public static bool IsWhitespace(char c) =>
        char.IsWhiteSpace(c) || c == '\uFEFF' || (c >= '\u001C' && c <= '\u001F');
}
