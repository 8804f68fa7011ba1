namespace AkkaCompute.Actors.Tests;

public class ActorPathTests
{
    [Fact]
    public void Parses_local_and_remote_paths_with_uid()
    {
        var p = ActorPath.Parse("akc.tcp://sys@127.0.0.1:2552/user/a/b#42");
        Assert.Equal("akc.tcp", p.Address.Protocol);
        Assert.Equal("sys", p.Address.System);
        Assert.Equal("127.0.0.1", p.Address.Host);
        Assert.Equal(2552, p.Address.Port);
        Assert.Equal(["user", "a", "b"], p.Elements);
        Assert.Equal(42, p.Uid);
        Assert.Equal("/user/a/b", p.ToStringWithoutAddress());
        Assert.Equal("akc.tcp://sys@127.0.0.1:2552/user/a/b#42", p.ToSerializationFormat());
    }

    [Fact]
    public void Equality_ignores_uid_and_compares_elements()
    {
        var root = new RootActorPath(new Address("akc", "sys"));
        var a = (root / "user" / "a").WithUid(1);
        var b = (root / "user" / "a").WithUid(2);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, root / "user" / "b");
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-scheme/user")]
    [InlineData("akc://sys@host/user")]
    [InlineData("akc://sys/user#notanumber")]
    public void Rejects_malformed_paths(string text)
    {
        Assert.False(ActorPath.TryParse(text, out _));
        if (text.Length > 0)
        {
            Assert.Throws<FormatException>(() => ActorPath.Parse(text));
        }
    }

    [Fact]
    public void Child_path_rejects_slash_in_name() =>
        Assert.Throws<ArgumentException>(() => new RootActorPath(new Address("akc", "s")) / "a/b");
}
