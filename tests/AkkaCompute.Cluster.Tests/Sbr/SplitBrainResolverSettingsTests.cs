using AkkaCompute.Cluster.Sbr;

namespace AkkaCompute.Cluster.Tests.Sbr;

public sealed class SplitBrainResolverSettingsTests
{
    [Fact]
    public void Defaults_are_akka_defaults()
    {
        var s = SplitBrainResolverSettings.Default;
        Assert.Equal("keep-majority", s.ActiveStrategy);
        Assert.Equal(TimeSpan.FromSeconds(20), s.StableAfter);
        Assert.Null(s.DownAllWhenUnstable);
        Assert.Equal(TimeSpan.FromSeconds(15), s.EffectiveDownAllWhenUnstable);
        Assert.True(s.KeepOldestDownIfAlone);
        Assert.Null(s.StaticQuorumSize);
        s.Validate();
    }

    [Fact]
    public void Down_all_when_unstable_on_is_at_least_four_seconds_and_zero_is_off()
    {
        Assert.Equal(TimeSpan.FromSeconds(4), (SplitBrainResolverSettings.Default with { StableAfter = TimeSpan.FromSeconds(2) }).EffectiveDownAllWhenUnstable);
        Assert.Equal(TimeSpan.Zero, (SplitBrainResolverSettings.Default with { DownAllWhenUnstable = TimeSpan.Zero }).EffectiveDownAllWhenUnstable);
        Assert.Equal(TimeSpan.FromSeconds(9), (SplitBrainResolverSettings.Default with { DownAllWhenUnstable = TimeSpan.FromSeconds(9) }).EffectiveDownAllWhenUnstable);
    }

    public static TheoryData<SplitBrainResolverSettings, string> Invalid() => new()
    {
        { new() { ActiveStrategy = "lease-majority" }, "akc.cluster.split-brain-resolver.active-strategy" },
        { new() { StableAfter = TimeSpan.Zero }, "akc.cluster.split-brain-resolver.stable-after" },
        { new() { StableAfter = TimeSpan.FromHours(2) }, "akc.cluster.split-brain-resolver.stable-after" },
        { new() { DownAllWhenUnstable = TimeSpan.FromSeconds(-1) }, "akc.cluster.split-brain-resolver.down-all-when-unstable" },
        { new() { ActiveStrategy = "static-quorum" }, "akc.cluster.split-brain-resolver.static-quorum.quorum-size" },
        { new() { ActiveStrategy = "static-quorum", StaticQuorumSize = 0 }, "akc.cluster.split-brain-resolver.static-quorum.quorum-size" },
        { new() { KeepMajorityRole = "a b" }, "akc.cluster.split-brain-resolver.keep-majority.role" },
        { new() { KeepOldestRole = "" }, "akc.cluster.split-brain-resolver.keep-oldest.role" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_names_the_key_value_and_constraint(SplitBrainResolverSettings settings, string key)
    {
        var ex = Assert.Throws<ConfigurationException>(settings.Validate);
        Assert.Equal(key, ex.Key);
        Assert.False(string.IsNullOrEmpty(ex.Constraint));
        Assert.StartsWith(key + " = ", ex.Message);
    }

    [Fact]
    public void The_strategy_is_built_from_the_settings()
    {
        Assert.IsType<KeepMajority>(DowningStrategy.Create(SplitBrainResolverSettings.Default));
        var quorum = Assert.IsType<StaticQuorum>(DowningStrategy.Create(new SplitBrainResolverSettings { ActiveStrategy = "static-quorum", StaticQuorumSize = 3, StaticQuorumRole = "r" }));
        Assert.Equal(3, quorum.QuorumSize);
        Assert.Equal("r", quorum.Role);
        var oldest = Assert.IsType<KeepOldest>(DowningStrategy.Create(new SplitBrainResolverSettings { ActiveStrategy = "keep-oldest", KeepOldestDownIfAlone = false }));
        Assert.False(oldest.DownIfAlone);
        Assert.IsType<DownAllNodes>(DowningStrategy.Create(new SplitBrainResolverSettings { ActiveStrategy = "down-all" }));
        Assert.Throws<ConfigurationException>(() => DowningStrategy.Create(new SplitBrainResolverSettings { ActiveStrategy = "nope" }));
    }
}
