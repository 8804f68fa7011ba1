using static AkkaCompute.Hosting.Tests.Settings.SettingsFixture;

namespace AkkaCompute.Hosting.Tests.Settings;

/// <summary><c>akc.scheduler.tag-roles</c>: empty by default, <c>tag=role</c> entries bound into a map, bad entries refused naming the key.</summary>
public class TagRolesSettingTests
{
    [Fact]
    public void Tag_roles_are_empty_by_default_and_bind_from_tag_equals_role_entries()
    {
        Assert.Empty(Bind("akc {}").Scheduler.TagRoles);
        var s = Bind("""akc.scheduler.tag-roles = ["gpu=gpu", "big = highmem"]""");
        Assert.Equal(new Dictionary<string, string> { ["gpu"] = "gpu", ["big"] = "highmem" }, s.Scheduler.TagRoles);
    }

    [Theory]
    [InlineData("""akc.scheduler.tag-roles = ["gpu"]""", "[0] 'gpu' must be written tag=role")]
    [InlineData("""akc.scheduler.tag-roles = ["gpu=two words"]""", "must be written tag=role, the role 1 to 100 of letters")]
    [InlineData("""akc.scheduler.tag-roles = ["a=x", "a=y"]""", "[1] 'a=y': tag 'a' is mapped twice")]
    [InlineData("""akc.scheduler.tag-roles = gpu""", "must be a list")]
    public void A_bad_entry_is_refused_naming_the_key(string hocon, string expected)
    {
        var e = BindError(hocon, "n.conf");
        Assert.StartsWith("n.conf:1:", e.Message);
        Assert.Contains("akc.scheduler.tag-roles", e.Message);
        Assert.Contains(expected, e.Message);
    }
}
