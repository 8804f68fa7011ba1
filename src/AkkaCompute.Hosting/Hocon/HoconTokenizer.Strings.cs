using System.Globalization;
using System.Text;

namespace AkkaCompute.Hosting.Hocon;

/// <summary>Quoted and triple-quoted strings.</summary>
internal sealed partial class HoconTokenizer
{
    private void ReadQuoted()
    {
        if (_pos + 2 < _text.Length && _text[_pos + 1] == '"' && _text[_pos + 2] == '"') ReadTripleQuoted();
        else ReadJsonString();
    }

    // "..." with JSON escapes; a raw newline or end of input before the closing quote is an error.
    private void ReadJsonString()
    {
        var origin = Here();
        var sb = new StringBuilder();
        _pos++;
        while (true)
        {
            if (_pos >= _text.Length || _text[_pos] == '\n')
                throw new HoconParseException(origin, "unterminated quoted string (a quoted string must end on the line it starts; use \"\"\" for multi-line text)");
            var c = _text[_pos];
            if (c == '"')
            {
                _pos++;
                break;
            }
            if (c == '\\')
            {
                sb.Append(ReadEscape());
                continue;
            }
            sb.Append(c);
            _pos++;
        }
        _tokens.Add(new HoconToken(HoconTokenType.QuotedString, sb.ToString(), origin));
    }

    private char ReadEscape()
    {
        var escapeOrigin = Here();
        if (_pos + 1 >= _text.Length) throw new HoconParseException(escapeOrigin, "unterminated escape sequence at end of input");
        var e = _text[_pos + 1];
        _pos += 2;
        switch (e)
        {
            case '"': return '"';
            case '\\': return '\\';
            case '/': return '/';
            case 'b': return '\b';
            case 'f': return '\f';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'u':
                if (_pos + 4 > _text.Length ||
                    !ushort.TryParse(_text.AsSpan(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    throw new HoconParseException(escapeOrigin, "invalid unicode escape: '\\u' must be followed by 4 hex digits");
                _pos += 4;
                return (char)code;
            default:
                throw new HoconParseException(escapeOrigin, $"invalid escape '\\{e}' in quoted string (allowed: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
        }
    }

    // """...""": raw text; a run of more than three quotes ends the string and the extra quotes belong to it.
    private void ReadTripleQuoted()
    {
        var origin = Here();
        var start = _pos + 3;
        var close = _text.IndexOf("\"\"\"", start, StringComparison.Ordinal);
        if (close < 0) throw new HoconParseException(origin, "unterminated triple-quoted string: no closing \"\"\"");
        var end = close;
        while (end < _text.Length && _text[end] == '"') end++;
        var content = _text[start..(end - 3)];
        for (var i = _pos; i < end; i++)
        {
            if (_text[i] != '\n') continue;
            _line++;
            _lineStart = i;
        }
        _pos = end;
        _tokens.Add(new HoconToken(HoconTokenType.QuotedString, content, origin));
    }
}
