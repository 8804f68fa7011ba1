using System.Text;
using System.Text.RegularExpressions;

namespace AkkaCompute.Compute.Execution;

/// <summary>
/// Turns a shell command into the text the policy's rules read: quote characters and backslash
/// escapes removed (so <c>rm -rf "/"</c> reads <c>rm -rf /</c>), shell operators inside quotes
/// replaced by '_' (so <c>git commit -m "a; reboot"</c> holds no second command), except in text
/// that is code anyway - command substitutions, and the quoted argument of <c>sh -c</c>,
/// <c>su -c</c> and <c>eval</c>; comments dropped; newlines as ';'; <c>$IFS</c> as a space;
/// whitespace collapsed to single spaces.
/// </summary>
internal static partial class CommandNormalizer
{
    /// <summary>What replaces a shell operator character inside quotes.</summary>
    public const char Neutral = '_';

    public static string Normalize(string command)
    {
        var scanner = new Scanner(command);
        scanner.Unquoted(stopAtParen: false);
        var text = scanner.Output.Replace("${IFS}", " ", StringComparison.Ordinal).Replace("$IFS", " ", StringComparison.Ordinal);
        return Whitespace().Replace(text, " ").Trim();
    }

    private static bool IsOperator(char c) => c is ';' or '&' or '|' or '(' or ')' or '{' or '}' or '<' or '>' or '`' or '!' or '\n' or '\r';

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"(?:^|[\s;&|(`])(?:(?:(?:ba|da|z|k|c|tc|fi|r)?sh|su|runuser)(?:\s+-[^\s;&|]*)*\s+-[a-z]*c[a-z]*|eval)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CodeContext();

    private sealed class Scanner(string source)
    {
        private readonly StringBuilder _out = new(source.Length);
        private int _i;

        public string Output => _out.ToString();

        /// <summary>Unquoted text; with <paramref name="stopAtParen"/>, up to and including the ')' closing a command substitution.</summary>
        public void Unquoted(bool stopAtParen)
        {
            var depth = 0;
            while (_i < source.Length)
            {
                var c = source[_i];
                switch (c)
                {
                    case '(' when stopAtParen:
                        depth++;
                        break;
                    case ')' when stopAtParen && depth == 0:
                        _out.Append(')');
                        _i++;
                        return;
                    case ')' when stopAtParen:
                        depth--;
                        break;
                    case '\\':
                        if (_i + 1 < source.Length && source[_i + 1] != '\n')
                        {
                            var escaped = source[_i + 1];
                            _out.Append(IsOperator(escaped) ? Neutral : escaped);
                        }

                        _i += 2;
                        continue;
                    case '\'':
                        _i++;
                        SingleQuoted(IsCodeContext());
                        continue;
                    case '"':
                        _i++;
                        DoubleQuoted(IsCodeContext());
                        continue;
                    case '#' when _out.Length == 0 || char.IsWhiteSpace(_out[^1]) || _out[^1] is ';' or '&' or '|' or '(' or ')':
                        while (_i < source.Length && source[_i] != '\n')
                        {
                            _i++;
                        }

                        continue;
                    case '\n' or '\r':
                        _out.Append(';');
                        _i++;
                        continue;
                }

                _out.Append(c);
                _i++;
            }
        }

        private void SingleQuoted(bool code)
        {
            while (_i < source.Length && source[_i] != '\'')
            {
                Emit(source[_i++], code);
            }

            _i++;
        }

        private void DoubleQuoted(bool code)
        {
            while (_i < source.Length)
            {
                var c = source[_i];
                if (c == '"')
                {
                    _i++;
                    return;
                }

                if (c == '\\' && _i + 1 < source.Length && source[_i + 1] is '$' or '`' or '"' or '\\' or '\n')
                {
                    if (source[_i + 1] != '\n')
                    {
                        Emit(source[_i + 1], code);
                    }

                    _i += 2;
                    continue;
                }

                if (c == '$' && _i + 1 < source.Length && source[_i + 1] == '(')
                {
                    _out.Append("$(");
                    _i += 2;
                    Unquoted(stopAtParen: true);
                    continue;
                }

                if (c == '`')
                {
                    _out.Append('`');
                    _i++;
                    while (_i < source.Length && source[_i] != '`')
                    {
                        _out.Append(source[_i] is '\n' or '\r' ? ';' : source[_i]);
                        _i++;
                    }

                    _out.Append('`');
                    _i++;
                    continue;
                }

                Emit(c, code);
                _i++;
            }
        }

        private void Emit(char c, bool code) =>
            _out.Append(code ? (c is '\n' or '\r' ? ';' : c) : (IsOperator(c) ? Neutral : c));

        private bool IsCodeContext()
        {
            var start = Math.Max(0, _out.Length - 120);
            return CodeContext().IsMatch(_out.ToString(start, _out.Length - start));
        }
    }
}
