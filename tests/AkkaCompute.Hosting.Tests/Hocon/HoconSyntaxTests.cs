using AkkaCompute.Hosting.Hocon;

namespace AkkaCompute.Hosting.Tests.Hocon;

public class HoconSyntaxTests
{
    [Fact]
    public void Root_braces_are_optional()
    {
        Assert.Equal(1, Hocon.Parse("{ a = 1 }").GetInt("a"));
        Assert.Equal(1, Hocon.Parse("a = 1").GetInt("a"));
    }

    [Fact]
    public void Empty_document_is_an_empty_object()
    {
        Assert.Equal(0, Hocon.Parse("").Count);
        Assert.Equal(0, Hocon.Parse("  # only a comment\n").Count);
    }

    [Theory]
    [InlineData("a = 1")]
    [InlineData("a : 1")]
    [InlineData("a=1")]
    [InlineData("\"a\" : 1")]
    public void Equals_and_colon_are_both_separators(string text)
    {
        Assert.Equal(1, Hocon.Parse(text).GetInt("a"));
    }

    [Fact]
    public void Separator_may_be_omitted_before_an_object()
    {
        var root = Hocon.Parse("server { port = 80 }");
        Assert.Equal(80, root.GetInt("server.port"));
    }

    [Fact]
    public void Dotted_keys_create_nested_objects()
    {
        var root = Hocon.Parse("a.b.c = 1\na.b.d = 2");
        var b = root.GetObject("a.b");
        Assert.Equal(new[] { "c", "d" }, b.Keys);
        Assert.Equal(2, root.GetInt("a.b.d"));
    }

    [Fact]
    public void Quoted_key_keeps_its_dots()
    {
        var root = Hocon.Parse("a.\"b.c\".d = 1");
        Assert.True(root.GetObject("a").TryGetField("b.c", out _));
        Assert.Equal(1, root.GetInt("a.\"b.c\".d"));
    }

    [Fact]
    public void Whitespace_inside_a_key_is_kept()
    {
        var root = Hocon.Parse("a b c : 42");
        Assert.True(root.TryGetField("a b c", out _));
    }

    [Fact]
    public void Newlines_separate_fields_and_commas_are_optional()
    {
        var root = Hocon.Parse("a = 1\nb = 2, c = 3\n\n d = 4,");
        Assert.Equal(new[] { "a", "b", "c", "d" }, root.Keys);
    }

    [Fact]
    public void Arrays_accept_commas_newlines_and_one_trailing_comma()
    {
        Assert.Equal(new[] { "1", "2", "3" }, Hocon.Parse("a = [1, 2, 3]").GetStringList("a"));
        Assert.Equal(new[] { "1", "2", "3" }, Hocon.Parse("a = [\n 1\n 2\n 3\n]").GetStringList("a"));
        Assert.Equal(new[] { "1", "2", "3" }, Hocon.Parse("a = [1, 2, 3,]").GetStringList("a"));
        Assert.Empty(Hocon.Parse("a = []").GetStringList("a"));
    }

    [Fact]
    public void Array_of_objects_and_nested_arrays()
    {
        var root = Hocon.Parse("a = [ { x = 1 }, [2, 3] ]");
        var items = root.GetArray("a").Items;
        Assert.Equal("1", ((HoconScalar)((HoconObject)items[0]).GetValue("x")).Text);
        Assert.Equal(2, ((HoconArray)items[1]).Count);
    }

    [Fact]
    public void Comments_with_hash_and_double_slash_are_ignored()
    {
        var root = Hocon.Parse("# header\na = 1 // trailing\n// whole line\nb = 2 # trailing");
        Assert.Equal(1, root.GetInt("a"));
        Assert.Equal(2, root.GetInt("b"));
        Assert.Equal(2, root.Count);
    }

    [Fact]
    public void Scalars_have_their_json_types()
    {
        var root = Hocon.Parse("n = null, t = true, f = false, i = 42, d = -1.5e3, s = hello");
        Assert.Equal(HoconValueType.Null, root.GetValue("n").Type);
        Assert.Equal(HoconValueType.Boolean, root.GetValue("t").Type);
        Assert.False(root.GetBool("f"));
        Assert.Equal(HoconValueType.Number, root.GetValue("i").Type);
        Assert.Equal(-1500.0, root.GetDouble("d"));
        Assert.Equal("-1.5e3", root.GetString("d"));
        Assert.Equal(HoconValueType.String, root.GetValue("s").Type);
    }

    [Fact]
    public void Json_document_parses()
    {
        var root = Hocon.Parse("{\"a\": {\"b\": [1, \"x\", true, null]}, \"c\": 2.5}");
        Assert.Equal(4, root.GetArray("a.b").Count);
        Assert.Equal(2.5, root.GetDouble("c"));
    }

    [Fact]
    public void Include_word_is_an_ordinary_value_and_later_key_part()
    {
        var root = Hocon.Parse("a = include\nfoo include : 42\n\"include\" : 1");
        Assert.Equal("include", root.GetString("a"));
        Assert.Equal(42, root.GetInt("\"foo include\""));
        Assert.Equal(1, root.GetInt("\"include\""));
    }
}
