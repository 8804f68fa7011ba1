using AkkaCompute.Hosting.Hocon;

namespace AkkaCompute.Hosting.Tests.Hocon;

public class HoconIncludeTests
{
    [Fact]
    public void Include_is_relative_to_the_including_file()
    {
        using var dir = new TempDirectory();
        dir.Write("conf/common.conf", "port = 80\nhost = common");
        var main = dir.Write("conf/main.conf", "include \"common.conf\"\nhost = main");
        var root = HoconParser.ParseFile(main, Hocon.Env());
        Assert.Equal(80, root.GetInt("port"));
        Assert.Equal("main", root.GetString("host"));
    }

    [Fact]
    public void Nested_includes_are_relative_to_each_including_file()
    {
        using var dir = new TempDirectory();
        dir.Write("a/b/leaf.conf", "leaf = true");
        dir.Write("a/mid.conf", "include \"b/leaf.conf\"\nmid = 1");
        var main = dir.Write("main.conf", "include file(\"a/mid.conf\")");
        var root = HoconParser.ParseFile(main, Hocon.Env());
        Assert.True(root.GetBool("leaf"));
        Assert.Equal(1, root.GetInt("mid"));
    }

    [Fact]
    public void Included_keys_merge_in_document_order()
    {
        using var dir = new TempDirectory();
        dir.Write("inc.conf", "a { x = 2, y = 2 }");
        var main = dir.Write("main.conf", "a { x = 1, z = 1 }\ninclude \"inc.conf\"\na.y = 3");
        var root = HoconParser.ParseFile(main, Hocon.Env());
        Assert.Equal(2, root.GetInt("a.x"));
        Assert.Equal(3, root.GetInt("a.y"));
        Assert.Equal(1, root.GetInt("a.z"));
    }

    [Fact]
    public void Include_inside_an_object_nests_keys_and_fixes_up_substitutions()
    {
        using var dir = new TempDirectory();
        dir.Write("foo.conf", "x : 10, y : ${x}");
        var main = dir.Write("main.conf", "a : { include \"foo.conf\" }\na : { x : 42 }");
        var root = HoconParser.ParseFile(main, Hocon.Env());
        Assert.Equal(42, root.GetInt("a.x"));
        Assert.Equal(42, root.GetInt("a.y"));
    }

    [Fact]
    public void Substitution_in_an_included_file_falls_back_to_the_root_path()
    {
        using var dir = new TempDirectory();
        dir.Write("foo.conf", "url = ${host}\":8080\"");
        var main = dir.Write("main.conf", "host = example\nsvc { include \"foo.conf\" }");
        Assert.Equal("example:8080", HoconParser.ParseFile(main, Hocon.Env()).GetString("svc.url"));
    }

    [Fact]
    public void Missing_plain_include_is_ignored()
    {
        using var dir = new TempDirectory();
        var main = dir.Write("main.conf", "include \"nope.conf\"\na = 1");
        Assert.Equal(1, HoconParser.ParseFile(main, Hocon.Env()).GetInt("a"));
    }

    [Fact]
    public void Missing_required_include_is_an_error_at_the_include()
    {
        using var dir = new TempDirectory();
        var main = dir.Write("main.conf", "a = 1\ninclude required(\"nope.conf\")");
        var e = Assert.Throws<HoconParseException>(() => HoconParser.ParseFile(main, Hocon.Env()));
        Assert.Equal(main, e.File);
        Assert.Equal(2, e.Line);
        Assert.Contains("required include \"nope.conf\" not found", e.Reason);
    }

    [Fact]
    public void Required_file_include_with_whitespace_inside_parentheses()
    {
        using var dir = new TempDirectory();
        dir.Write("x.conf", "x = 1");
        var main = dir.Write("main.conf", "include required( file( \"x.conf\" ) )");
        Assert.Equal(1, HoconParser.ParseFile(main, Hocon.Env()).GetInt("x"));
    }

    [Fact]
    public void Include_without_extension_tries_conf()
    {
        using var dir = new TempDirectory();
        dir.Write("base.conf", "b = 2");
        var main = dir.Write("main.conf", "include required(\"base\")");
        Assert.Equal(2, HoconParser.ParseFile(main, Hocon.Env()).GetInt("b"));
    }

    [Fact]
    public void Error_inside_an_included_file_names_that_file()
    {
        using var dir = new TempDirectory();
        var inc = dir.Write("bad.conf", "ok = 1\nbroken [1]");
        var main = dir.Write("main.conf", "include \"bad.conf\"");
        var e = Assert.Throws<HoconParseException>(() => HoconParser.ParseFile(main, Hocon.Env()));
        Assert.Equal(inc, e.File);
        Assert.Equal(2, e.Line);
        Assert.Equal(8, e.Column);
    }

    [Fact]
    public void Include_cycle_is_an_error()
    {
        using var dir = new TempDirectory();
        dir.Write("a.conf", "include \"b.conf\"");
        dir.Write("b.conf", "include \"a.conf\"");
        var e = Assert.Throws<HoconParseException>(() => HoconParser.ParseFile(System.IO.Path.Combine(dir.Path, "a.conf"), Hocon.Env()));
        Assert.Contains("include cycle: a.conf -> b.conf -> a.conf", e.Reason);
    }

    [Fact]
    public void Included_file_must_be_an_object()
    {
        using var dir = new TempDirectory();
        dir.Write("arr.conf", "[1, 2]");
        var main = dir.Write("main.conf", "include \"arr.conf\"");
        var e = Assert.Throws<HoconParseException>(() => HoconParser.ParseFile(main, Hocon.Env()));
        Assert.Contains("must be an object", e.Reason);
    }

    [Theory]
    [InlineData("include url(\"http://x/y.conf\")", "only file includes")]
    [InlineData("include foo", "include must be followed by a quoted file name")]
    [InlineData("include required(\"x.conf\"", "closing ')'")]
    public void Bad_include_syntax_is_an_error(string text, string expected)
    {
        Assert.Contains(expected, Hocon.ParseError(text).Reason);
    }
}
