namespace AkkaCompute.Hosting.Hocon;

/// <summary>One token of HOCON text.</summary>
/// <param name="Type">The kind of token.</param>
/// <param name="Text">The decoded text for strings, unquoted text and whitespace; the symbol for punctuation; empty for <see cref="HoconTokenType.End"/>.</param>
/// <param name="Origin">Where the token starts.</param>
internal sealed record HoconToken(HoconTokenType Type, string Text, HoconOrigin Origin)
{
    /// <summary>How the token is named in error messages, e.g. <c>'['</c>, <c>end of input</c>, <c>'foo'</c>.</summary>
    public string Describe() => Type switch
    {
        HoconTokenType.End => "end of input",
        HoconTokenType.Newline => "a newline",
        HoconTokenType.Whitespace => "whitespace",
        HoconTokenType.QuotedString => $"\"{Text}\"",
        _ => $"'{Text}'",
    };
}
