using AkkaCompute.Hosting.Hocon;

namespace AkkaCompute.Hosting.Tests.Hocon;

public class HoconStringTests
{
    [Fact]
    public void Quoted_strings_decode_json_escapes()
    {
        var root = Hocon.Parse("a = \"tab\\there \\\"q\\\" \\u00e9 \\\\ \\/\"");
        Assert.Equal("tab\there \"q\" \u00e9 \\ /", root.GetString("a"));
    }

    [Fact]
    public void Quoted_strings_keep_special_characters()
    {
        Assert.Equal("http://host:80/x?y=1#z", Hocon.Parse("a = \"http://host:80/x?y=1#z\"").GetString("a"));
    }

    [Fact]
    public void Triple_quoted_strings_are_raw_and_span_lines()
    {
        var root = Hocon.Parse("a = \"\"\"line1\n  \"line2\" \\n\"\"\"\nb = 1");
        Assert.Equal("line1\n  \"line2\" \\n", root.GetString("a"));
        Assert.Equal(1, root.GetInt("b"));
    }

    [Fact]
    public void Extra_quotes_at_the_end_of_a_triple_quoted_string_belong_to_it()
    {
        Assert.Equal("foo\"", Hocon.Parse("a = \"\"\"foo\"\"\"\"").GetString("a"));
    }

    [Fact]
    public void Unquoted_values_concatenate_with_inner_whitespace_kept_and_ends_trimmed()
    {
        Assert.Equal("foo bar   baz", Hocon.Parse("a =   foo bar   baz   ").GetString("a"));
    }

    [Fact]
    public void Mixed_quoted_and_unquoted_concatenate_to_a_string()
    {
        var root = Hocon.Parse("a = foo\" bar \"baz\nb = 1 2\nc = true foo");
        Assert.Equal("foo bar baz", root.GetString("a"));
        Assert.Equal("1 2", root.GetString("b"));
        Assert.Equal(HoconValueType.String, root.GetValue("b").Type);
        Assert.Equal("true foo", root.GetString("c"));
    }

    [Fact]
    public void Quoted_whitespace_between_objects_is_an_error_but_unquoted_is_ignored()
    {
        Assert.Equal(2, Hocon.Parse("a = { b = 1 }   { c = 2 }").GetInt("a.c"));
        Assert.Contains("cannot concatenate object, string, object", Hocon.ParseError("a = { b = 1 } \" \" { c = 2 }").Reason);
    }

    [Fact]
    public void Undefined_optional_parts_leave_the_rest_of_the_string()
    {
        var root = Hocon.Parse("a = ${?x} ${?y}\nb = [1] ${?y}\nc = ${?x}bar");
        Assert.False(root.TryGetValue("a", out _));
        Assert.Equal(new[] { "1" }, root.GetStringList("b"));
        Assert.Equal("bar", root.GetString("c"));
    }

    [Fact]
    public void Number_followed_by_letters_is_a_string()
    {
        Assert.Equal(HoconValueType.String, Hocon.Parse("a = 10.0bar").GetValue("a").Type);
        Assert.Equal("10.0bar", Hocon.Parse("a = 10.0bar").GetString("a"));
    }

    [Fact]
    public void Concatenation_stops_at_a_newline()
    {
        var root = Hocon.Parse("a = foo\nbar = baz");
        Assert.Equal("foo", root.GetString("a"));
        Assert.Equal("baz", root.GetString("bar"));
    }

    [Fact]
    public void Array_elements_on_one_line_without_commas_concatenate()
    {
        Assert.Equal(new[] { "1 2 3 4" }, Hocon.Parse("a = [ 1 2 3 4 ]").GetStringList("a"));
    }

    [Fact]
    public void Arrays_and_objects_concatenate()
    {
        var root = Hocon.Parse("a = [1, 2] [3]\nb = { x = 1 } { y = 2 }");
        Assert.Equal(new[] { "1", "2", "3" }, root.GetStringList("a"));
        Assert.Equal(2, root.GetInt("b.y"));
        Assert.Equal(1, root.GetInt("b.x"));
    }

    [Fact]
    public void Mixing_an_array_with_a_string_is_an_error()
    {
        var e = Hocon.ParseError("a = [1] foo");
        Assert.Contains("cannot concatenate array, string in the value of 'a'", e.Reason);
        Assert.Equal(1, e.Line);
        Assert.Equal(5, e.Column);
    }
}
