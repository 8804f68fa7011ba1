using AkkaCompute.Hosting.Settings;

namespace AkkaCompute.Cli.Tests.Api;

/// <summary><c>akc.management.max-request-bytes</c>: the REST API's body limit, its default and its range.</summary>
public sealed class ApiSettingsTests
{
    [Fact]
    public void The_default_is_4_MiB_and_a_size_sets_it()
    {
        Assert.Equal(4L * 1024 * 1024, NodeSettingsLoader.Load(null, _ => null, null).Management.MaxRequestBytes);
        var s = NodeSettingsLoader.Load(null, _ => null, new Dictionary<string, string> { ["management.max-request-bytes"] = "512KiB" });
        Assert.Equal(512 * 1024, s.Management.MaxRequestBytes);
    }

    [Theory]
    [InlineData("10", "at least")]
    [InlineData("2GiB", "at most")]
    [InlineData("lots", "size")]
    public void A_value_out_of_range_names_the_key_and_the_constraint(string value, string constraint)
    {
        var e = Assert.Throws<SettingsException>(() => NodeSettingsLoader.Load(null, _ => null, new Dictionary<string, string> { ["management.max-request-bytes"] = value }));
        Assert.Contains("akc.management.max-request-bytes", e.Message);
        Assert.Contains(constraint, e.Message);
    }
}
