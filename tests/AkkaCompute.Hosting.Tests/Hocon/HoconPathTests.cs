using AkkaCompute.Hosting.Hocon;

namespace AkkaCompute.Hosting.Tests.Hocon;

public class HoconPathTests
{
    [Theory]
    [InlineData("a", new[] { "a" })]
    [InlineData("a.b.c", new[] { "a", "b", "c" })]
    [InlineData("a.\"b.c\".d", new[] { "a", "b.c", "d" })]
    [InlineData("a.\"\".b", new[] { "a", "", "b" })]
    [InlineData("10.0foo", new[] { "10", "0foo" })]
    [InlineData("foo\"10.0\"", new[] { "foo10.0" })]
    public void Parses_path_expressions(string text, string[] expected)
    {
        Assert.Equal(expected, HoconPath.Parse(text).Segments);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a..b")]
    [InlineData(".a")]
    [InlineData("a.")]
    [InlineData("a{")]
    public void Rejects_invalid_paths(string text)
    {
        Assert.Throws<ArgumentException>(() => HoconPath.Parse(text));
    }

    [Fact]
    public void Renders_with_quotes_where_needed_and_round_trips()
    {
        var path = new HoconPath(new[] { "akka", "seed.nodes", "" });
        Assert.Equal("akka.\"seed.nodes\".\"\"", path.ToString());
        Assert.Equal(path, HoconPath.Parse(path.ToString()));
    }

    [Fact]
    public void Equality_is_by_segments()
    {
        Assert.Equal(HoconPath.Parse("a.b"), new HoconPath(new[] { "a", "b" }));
        Assert.NotEqual(HoconPath.Parse("a.b"), HoconPath.Parse("\"a.b\""));
        Assert.True(HoconPath.Parse("a.b.c").StartsWith(HoconPath.Parse("a.b")));
        Assert.False(HoconPath.Parse("a.bc").StartsWith(HoconPath.Parse("a.b")));
    }
}
