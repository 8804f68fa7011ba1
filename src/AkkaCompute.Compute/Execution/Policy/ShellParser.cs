using System.Text;

namespace AkkaCompute.Compute.Execution;

/// <summary>One word of a simple command: its value with quotes and escapes removed, and that value with every shell
/// operator character that came from quoted or escaped text replaced by '_' (what the deny rules read).</summary>
internal readonly record struct ShellWord(string Value, string Rendered, bool Redirect = false);

/// <summary>
/// A small POSIX-shell reader for the command policy: splits a command into simple commands (at ';', newlines, '&amp;',
/// '&amp;&amp;', '||', '|', '|&amp;', parentheses) made of words (single and double quotes, backslash escapes, comments).
/// Command substitutions (<c>$(...)</c>, backticks) become simple commands of their own. Redirections stay in
/// the command as a word such as <c>&gt;</c> followed by the target. It never throws: unbalanced quotes end at the
/// end of the text. Nesting is bounded by <see cref="MaxDepth"/>; deeper text is read as plain words.
/// </summary>
internal static class ShellParser
{
    /// <summary>Deepest nesting of substitutions and <c>sh -c</c> strings examined: 8.</summary>
    public const int MaxDepth = 8;

    /// <summary>The simple commands of <paramref name="text"/>, in order, each a non-empty list of words.</summary>
    public static List<List<ShellWord>> Parse(string text, int depth = 0)
    {
        var reader = new Reader(text, depth);
        reader.Run();
        return reader.Commands;
    }

    private static bool IsOperator(char c) => c is ';' or '&' or '|' or '(' or ')' or '<' or '>' or '\n' or '\r';

    private static bool IsNeutralized(char c) => IsOperator(c) || c is '{' or '}' or '`' or '!' or '$' or '#';

    private sealed class Reader(string s, int depth)
    {
        private readonly List<ShellWord> _current = [];
        private readonly StringBuilder _value = new();
        private readonly StringBuilder _rendered = new();
        private bool _inWord;
        private int _i;

        public List<List<ShellWord>> Commands { get; } = [];

        public void Run()
        {
            while (_i < s.Length)
            {
                var c = s[_i];
                if (c is ' ' or '\t')
                {
                    EndWord();
                    _i++;
                }
                else if (c == '#' && !_inWord)
                {
                    while (_i < s.Length && s[_i] != '\n') _i++;
                }
                else if (c is '>' or '<')
                {
                    // [n]> >> >| <> >& &> <<: the operator becomes a word of its own; a pending all-digit word is its fd.
                    if (_inWord && !_value.ToString().All(char.IsAsciiDigit)) EndWord();
                    ResetWord();
                    var start = _i;
                    _i++;
                    while (_i < s.Length && s[_i] is '>' or '<' or '|' or '&') _i++;
                    _current.Add(new ShellWord(s[start.._i], s[start.._i], Redirect: true));
                }
                else if (c == '&' && _i + 1 < s.Length && s[_i + 1] == '>')
                {
                    EndWord();
                    _i += 2;
                    if (_i < s.Length && s[_i] == '>') _i++;
                    _current.Add(new ShellWord(">", ">", Redirect: true));
                }
                else if (IsOperator(c))
                {
                    EndWord();
                    EndCommand();
                    _i++;
                }
                else if (c == '\\')
                {
                    _inWord = true;
                    if (_i + 1 < s.Length && s[_i + 1] != '\n') Quoted(s[_i + 1]);
                    _i += 2;
                }
                else if (c == '\'')
                {
                    _inWord = true;
                    var end = s.IndexOf('\'', _i + 1);
                    if (end < 0) end = s.Length;
                    foreach (var q in s.AsSpan(_i + 1, end - _i - 1)) Quoted(q);
                    _i = end + 1;
                }
                else if (c == '"')
                {
                    _inWord = true;
                    _i++;
                    DoubleQuoted();
                }
                else if (c == '$' && _i + 1 < s.Length && s[_i + 1] == '(')
                {
                    _inWord = true;
                    Substitution();
                }
                else if (c == '`')
                {
                    _inWord = true;
                    Backtick();
                }
                else
                {
                    _inWord = true;
                    _value.Append(c);
                    _rendered.Append(c);
                    _i++;
                }
            }
            EndWord();
            EndCommand();
        }

        private void DoubleQuoted()
        {
            while (_i < s.Length && s[_i] != '"')
            {
                if (s[_i] == '\\' && _i + 1 < s.Length && s[_i + 1] is '"' or '\\' or '$' or '`')
                {
                    Quoted(s[_i + 1]);
                    _i += 2;
                }
                else if (s[_i] == '$' && _i + 1 < s.Length && s[_i + 1] == '(') Substitution();
                else if (s[_i] == '`') Backtick();
                else
                {
                    Quoted(s[_i]);
                    _i++;
                }
            }
            _i++;
        }

        /// <summary><c>$(...)</c> or <c>$((...))</c> at <see cref="_i"/>: the inner commands are read on their own (arithmetic is not).</summary>
        private void Substitution()
        {
            var arithmetic = _i + 2 < s.Length && s[_i + 2] == '(';
            var start = _i + (arithmetic ? 3 : 2);
            var end = Matching(start);
            if (!arithmetic) Nested(s[start..Math.Min(end, s.Length)]);
            _value.Append('_');
            _rendered.Append('_');
            _i = Math.Min(s.Length, end + (arithmetic ? 2 : 1));
        }

        private void Backtick()
        {
            var end = s.IndexOf('`', _i + 1);
            if (end < 0) end = s.Length;
            Nested(s[(_i + 1)..end]);
            _value.Append('_');
            _rendered.Append('_');
            _i = end + 1;
        }

        /// <summary>The index of the ')' closing a '(' just before <paramref name="from"/>, skipping quoted text; the text's length when none.</summary>
        private int Matching(int from)
        {
            var level = 0;
            for (var j = from; j < s.Length; j++)
            {
                switch (s[j])
                {
                    case '\\': j++; break;
                    case '\'':
                        var q = s.IndexOf('\'', j + 1);
                        j = q < 0 ? s.Length : q;
                        break;
                    case '(': level++; break;
                    case ')' when level == 0: return j;
                    case ')': level--; break;
                }
            }
            return s.Length;
        }

        private void Nested(string inner)
        {
            if (depth + 1 > MaxDepth) return;
            Commands.AddRange(Parse(inner, depth + 1));
        }

        private void Quoted(char c)
        {
            _value.Append(c);
            _rendered.Append(IsNeutralized(c) ? '_' : c);
        }

        private void EndWord()
        {
            if (_inWord) _current.Add(new ShellWord(_value.ToString(), _rendered.ToString()));
            ResetWord();
        }

        private void ResetWord()
        {
            _value.Clear();
            _rendered.Clear();
            _inWord = false;
        }

        private void EndCommand()
        {
            if (_current.Count > 0) Commands.Add([.. _current]);
            _current.Clear();
        }
    }
}
