using AkkaCompute.Cli.Commands;
using AkkaCompute.Cli.Management;
using AkkaCompute.Hosting.Settings;

namespace AkkaCompute.Cli.Tests.Management;

/// <summary>The management token: where it comes from, how a request's header is checked, and the client's --token-file / AKC_TOKEN.</summary>
public sealed class BearerTokenTests
{
    [Fact]
    public void Without_a_token_every_request_is_refused_as_not_configured()
    {
        Assert.False(BearerToken.None.IsConfigured);
        Assert.Equal(TokenCheck.NotConfigured, BearerToken.None.Check("Bearer anything"));
        Assert.Equal(TokenCheck.NotConfigured, BearerToken.None.Check(null));
        Assert.Contains("akc.management.token-file", BearerToken.HowToConfigure);
    }

    [Theory]
    [InlineData("Bearer s3cret", "Accepted")]
    [InlineData("bearer s3cret", "Accepted")]
    [InlineData("Bearer  s3cret ", "Accepted")]
    [InlineData("Bearer s3cre", "Wrong")]
    [InlineData("Bearer s3cret2", "Wrong")]
    [InlineData("Bearer S3CRET", "Wrong")]
    [InlineData("Basic s3cret", "Missing")]
    [InlineData("Bearer ", "Missing")]
    [InlineData("", "Missing")]
    [InlineData(null, "Missing")]
    public void A_header_is_accepted_only_with_the_exact_token(string? header, string expected) =>
        Assert.Equal(expected, BearerToken.Of("s3cret").Check(header).ToString());

    [Fact]
    public void The_token_is_read_from_the_file_trimmed_or_else_from_the_named_variable()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "  from-file\n");
            var fromFile = BearerToken.Load(new ClusterManagementSettings { TokenFile = file, TokenEnv = "X" }, _ => "from-env");
            Assert.Equal(TokenCheck.Accepted, fromFile.Check("Bearer from-file"));

            var fromEnv = BearerToken.Load(new ClusterManagementSettings { TokenEnv = "X" }, n => n == "X" ? "from-env" : null);
            Assert.Equal(TokenCheck.Accepted, fromEnv.Check("Bearer from-env"));
            Assert.Same(BearerToken.None, BearerToken.Load(new ClusterManagementSettings(), _ => "ignored"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_missing_or_empty_file_and_an_unset_variable_stop_the_start_naming_the_key()
    {
        var missing = Path.Combine(Path.GetTempPath(), "akc-no-such-token-" + Guid.NewGuid());
        var e1 = Assert.Throws<SettingsException>(() => BearerToken.Load(new ClusterManagementSettings { TokenFile = missing }, _ => null));
        Assert.Contains("akc.management.token-file", e1.Message);
        Assert.Contains("cannot be read", e1.Message);

        var e2 = Assert.Throws<SettingsException>(() => BearerToken.Load(new ClusterManagementSettings { TokenEnv = "AKC_NOPE" }, _ => null));
        Assert.Contains("akc.management.token-env = AKC_NOPE", e2.Message);
        Assert.Contains("no default token", e2.Message);

        var empty = Path.GetTempFileName();
        try
        {
            var e3 = Assert.Throws<SettingsException>(() => BearerToken.Load(new ClusterManagementSettings { TokenFile = empty }, _ => null));
            Assert.Contains("empty", e3.Message);
        }
        finally
        {
            File.Delete(empty);
        }
    }

    [Fact]
    public void The_client_reads_token_file_first_then_AKC_TOKEN()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "abc\n");
            Assert.Equal(("abc", null), ManagementCommandLine.ReadToken(new FileInfo(file), _ => "env"));
            Assert.Equal(("env", null), ManagementCommandLine.ReadToken(null, n => n == "AKC_TOKEN" ? " env " : null));
            Assert.Equal((null, null), ManagementCommandLine.ReadToken(null, _ => null));
            File.WriteAllText(file, " ");
            Assert.Contains("the file is empty", ManagementCommandLine.ReadToken(new FileInfo(file), _ => null).Error);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
