namespace AkkaCompute.Hosting.Tests.Hocon;

public class HoconSelfReferenceTests
{
    [Fact]
    public void String_field_extends_its_earlier_value()
    {
        Assert.Equal("a:b:c:d", Hocon.Parse("path : \"a:b:c\"\npath : ${path}\":d\"").GetString("path"));
    }

    [Fact]
    public void Self_reference_with_trailing_text()
    {
        Assert.Equal("x more", Hocon.Parse("a = x\na = ${a} more").GetString("a"));
    }

    [Fact]
    public void Array_field_extends_its_earlier_value()
    {
        var root = Hocon.Parse("path = [ /bin ]\npath = ${path} [ /usr/bin ]");
        Assert.Equal(new[] { "/bin", "/usr/bin" }, root.GetStringList("path"));
    }

    [Fact]
    public void Plus_equals_appends_and_may_be_the_first_mention()
    {
        var root = Hocon.Parse("a += 1\na += 2\nb = [x]\nb += y");
        Assert.Equal(new[] { "1", "2" }, root.GetStringList("a"));
        Assert.Equal(new[] { "x", "y" }, root.GetStringList("b"));
    }

    [Fact]
    public void Plus_equals_on_a_non_array_is_an_error()
    {
        Assert.Contains("cannot concatenate", Hocon.ParseError("a = 1\na += 2").Reason);
    }

    [Fact]
    public void Self_reference_to_a_child_looks_back()
    {
        var root = Hocon.Parse("foo : { a : { c : 1 } }\nfoo : ${foo.a}\nfoo : { a : 2 }");
        Assert.Equal(2, root.GetInt("foo.a"));
        Assert.Equal(1, root.GetInt("foo.c"));
    }

    [Fact]
    public void Object_self_reference_merges_with_the_earlier_object()
    {
        var root = Hocon.Parse("a { x = 1 }\na = ${a} { y = 2 }\na.z = 3");
        Assert.Equal(new[] { "x", "y", "z" }, root.GetObject("a").Keys.OrderBy(k => k));
    }

    [Fact]
    public void Self_reference_in_a_nested_field_looks_back()
    {
        var root = Hocon.Parse("a { b = x }\na { b = ${a.b}y }");
        Assert.Equal("xy", root.GetString("a.b"));
    }

    [Fact]
    public void Lone_self_reference_is_an_error()
    {
        var e = Hocon.ParseError("foo : ${foo}");
        Assert.Contains("no earlier value", e.Reason);
    }

    [Fact]
    public void Lone_optional_self_reference_disappears()
    {
        Assert.False(Hocon.Parse("foo : ${?foo}").HasPath("foo"));
        Assert.Equal("foo", Hocon.Parse("a = ${?a}foo").GetString("a"));
    }

    [Fact]
    public void Self_reference_without_earlier_value_falls_back_to_the_environment()
    {
        var root = Hocon.Parse("PATH = ${?PATH}\":/opt/bin\"", ("PATH", "/usr/bin"));
        Assert.Equal("/usr/bin:/opt/bin", root.GetString("PATH"));
    }

    [Fact]
    public void Self_reference_hidden_by_a_later_value_is_ignored()
    {
        Assert.Equal(42, Hocon.Parse("foo : ${foo}\nfoo : 42").GetInt("foo"));
    }

    [Fact]
    public void Others_see_the_final_value_of_a_self_referential_field()
    {
        var root = Hocon.Parse("a = 1\nb = ${a}\na = ${a} 2");
        Assert.Equal("1 2", root.GetString("b"));
    }
}
