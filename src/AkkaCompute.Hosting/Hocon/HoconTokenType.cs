namespace AkkaCompute.Hosting.Hocon;

/// <summary>The kinds of token produced by <see cref="HoconTokenizer"/>.</summary>
internal enum HoconTokenType
{
    /// <summary><c>{</c></summary>
    OpenBrace,

    /// <summary><c>}</c> (also closes a substitution)</summary>
    CloseBrace,

    /// <summary><c>[</c></summary>
    OpenBracket,

    /// <summary><c>]</c></summary>
    CloseBracket,

    /// <summary><c>,</c></summary>
    Comma,

    /// <summary><c>:</c></summary>
    Colon,

    /// <summary><c>=</c></summary>
    Equals,

    /// <summary><c>+=</c></summary>
    PlusEquals,

    /// <summary>An ASCII newline (<c>'\n'</c>); a comment ends just before it.</summary>
    Newline,

    /// <summary>A run of non-newline whitespace; the text is kept (it matters in concatenations).</summary>
    Whitespace,

    /// <summary>A quoted (<c>"..."</c>, escapes decoded) or triple-quoted (<c>"""..."""</c>, raw) string.</summary>
    QuotedString,

    /// <summary>A run of unquoted text, e.g. <c>foo.bar</c>, <c>10s</c>, <c>true</c>.</summary>
    Unquoted,

    /// <summary><c>${</c></summary>
    SubstitutionStart,

    /// <summary><c>${?</c></summary>
    OptionalSubstitutionStart,

    /// <summary>End of input; always the last token.</summary>
    End,
}
