using AkkaCompute.Hosting.Hocon;

namespace AkkaCompute.Hosting.Tests.Hocon;

public class HoconTokenizerTests
{
    [Fact]
    public void Tokens_carry_line_and_column()
    {
        var tokens = new HoconTokenizer("a = 1\n  b: \"x\"", "f").Tokenize();
        var b = tokens.Single(t => t.Text == "b");
        Assert.Equal(new HoconOrigin("f", 2, 3), b.Origin);
        var x = tokens.Single(t => t.Type == HoconTokenType.QuotedString);
        Assert.Equal(new HoconOrigin("f", 2, 6), x.Origin);
        Assert.Equal(HoconTokenType.End, tokens[^1].Type);
    }

    [Fact]
    public void Comments_are_dropped_but_their_newline_is_kept()
    {
        var types = new HoconTokenizer("a # c\n// d\nb", "f").Tokenize().Select(t => t.Type).ToList();
        Assert.Equal(
            new[] { HoconTokenType.Unquoted, HoconTokenType.Whitespace, HoconTokenType.Newline, HoconTokenType.Newline, HoconTokenType.Unquoted, HoconTokenType.End },
            types);
    }

    [Fact]
    public void Substitution_starts_and_plus_equals_are_single_tokens()
    {
        var types = new HoconTokenizer("${a}${?b}+=", "f").Tokenize().Select(t => t.Type).ToList();
        Assert.Equal(
            new[]
            {
                HoconTokenType.SubstitutionStart, HoconTokenType.Unquoted, HoconTokenType.CloseBrace,
                HoconTokenType.OptionalSubstitutionStart, HoconTokenType.Unquoted, HoconTokenType.CloseBrace,
                HoconTokenType.PlusEquals, HoconTokenType.End,
            },
            types);
    }

    [Fact]
    public void Unquoted_text_stops_at_double_slash_but_not_single_slash()
    {
        var tokens = new HoconTokenizer("a/b//c", "f").Tokenize();
        Assert.Equal("a/b", tokens[0].Text);
        Assert.Equal(HoconTokenType.End, tokens[1].Type);
    }

    [Fact]
    public void Bom_and_unicode_spaces_are_whitespace()
    {
        var root = Hocon.Parse("\uFEFFa\u00A0=\u20031");
        Assert.Equal(1, root.GetInt("a"));
    }
}
