namespace AkkaCompute.Hosting.Tests.Hocon;

public class HoconMergeTests
{
    [Fact]
    public void Later_scalar_wins()
    {
        Assert.Equal(2, Hocon.Parse("a = 1\na = 2").GetInt("a"));
    }

    [Fact]
    public void Objects_with_the_same_key_merge_recursively()
    {
        var root = Hocon.Parse("foo { a = 42, n { x = 1 } }\nfoo { b = 43, n { y = 2 } }\nfoo.a = 44");
        Assert.Equal(44, root.GetInt("foo.a"));
        Assert.Equal(43, root.GetInt("foo.b"));
        Assert.Equal(1, root.GetInt("foo.n.x"));
        Assert.Equal(2, root.GetInt("foo.n.y"));
    }

    [Fact]
    public void Null_in_between_prevents_the_merge()
    {
        var root = Hocon.Parse("foo { a = 42 }\nfoo = null\nfoo { b = 43 }");
        Assert.False(root.HasPath("foo.a"));
        Assert.Equal(43, root.GetInt("foo.b"));
    }

    [Fact]
    public void Object_replaces_scalar_and_scalar_replaces_object()
    {
        var root = Hocon.Parse("a = 1\na { x = 1 }\nb { x = 1 }\nb = 2");
        Assert.Equal(1, root.GetInt("a.x"));
        Assert.Equal(2, root.GetInt("b"));
    }

    [Fact]
    public void Dotted_key_merges_into_an_object_defined_with_braces()
    {
        var root = Hocon.Parse("a { x = 1 }\na.y = 2");
        Assert.Equal(new[] { "x", "y" }, root.GetObject("a").Keys);
    }

    [Fact]
    public void WithFallback_merges_like_duplicate_keys()
    {
        var defaults = Hocon.Parse("a { x = 1, y = 2 }, b = 3");
        var overrides = Hocon.Parse("a { y = 20 }");
        var merged = overrides.WithFallback(defaults);
        Assert.Equal(1, merged.GetInt("a.x"));
        Assert.Equal(20, merged.GetInt("a.y"));
        Assert.Equal(3, merged.GetInt("b"));
    }
}
