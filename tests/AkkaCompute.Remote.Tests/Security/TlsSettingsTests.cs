using System.Security.Authentication;
using AkkaCompute.Remote.Security;

namespace AkkaCompute.Remote.Tests.Security;

public sealed class TlsSettingsTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly TlsSettings _valid;

    public TlsSettingsTests()
    {
        // Validate only checks that the files exist; their contents are the factory's business.
        _valid = new TlsSettings
        {
            CertificatePath = _dir.Write("node.crt", "placeholder"),
            KeyPath = _dir.Write("node.key", "placeholder"),
            CaCertificatePath = _dir.Write("ca.pem", "placeholder"),
        };
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Defaults_are_mutual_authentication_tls12_and_13_a_10_second_timeout_and_no_pins()
    {
        var defaults = new TlsSettings();
        Assert.True(defaults.RequireMutualAuthentication);
        Assert.Equal(SslProtocols.Tls12 | SslProtocols.Tls13, defaults.Protocols);
        Assert.Equal(TimeSpan.FromSeconds(10), defaults.HandshakeTimeout);
        Assert.Empty(defaults.AllowedThumbprints);
        Assert.Null(defaults.KeyPath);
        Assert.Null(defaults.KeyPassword);
        _valid.Validate();
    }

    [Fact]
    public void Keys_live_under_akc_remote_tls()
    {
        Assert.Equal("akc.remote.tls.certificate-path", TlsSettings.CertificatePathKey);
        Assert.Equal("akc.remote.tls.key-path", TlsSettings.KeyPathKey);
        Assert.Equal("akc.remote.tls.key-password", TlsSettings.KeyPasswordKey);
        Assert.Equal("akc.remote.tls.ca-certificate-path", TlsSettings.CaCertificatePathKey);
        Assert.Equal("akc.remote.tls.require-mutual-authentication", TlsSettings.RequireMutualAuthenticationKey);
        Assert.Equal("akc.remote.tls.allowed-thumbprints", TlsSettings.AllowedThumbprintsKey);
    }

    [Fact]
    public void An_unset_certificate_path_is_refused_as_having_no_default()
    {
        var error = Assert.Throws<ConfigurationException>(() => (_valid with { CertificatePath = "" }).Validate());
        Assert.Equal(TlsSettings.CertificatePathKey, error.Key);
        Assert.Contains("no default", error.Constraint);
    }

    [Fact]
    public void An_unset_ca_certificate_path_is_refused_as_having_no_default()
    {
        var error = Assert.Throws<ConfigurationException>(() => (_valid with { CaCertificatePath = " " }).Validate());
        Assert.Equal(TlsSettings.CaCertificatePathKey, error.Key);
        Assert.Contains("no default", error.Constraint);
    }

    [Fact]
    public void An_empty_key_path_is_refused_but_null_is_allowed()
    {
        var error = Assert.Throws<ConfigurationException>(() => (_valid with { KeyPath = "" }).Validate());
        Assert.Equal(TlsSettings.KeyPathKey, error.Key);
        (_valid with { KeyPath = null }).Validate();
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("zz00000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("00000000000000000000000000000000000000000000000000000000000000000")]
    public void A_thumbprint_that_is_not_64_hex_digits_is_refused(string thumbprint)
    {
        var error = Assert.Throws<ConfigurationException>(() => (_valid with { AllowedThumbprints = [thumbprint] }).Validate());
        Assert.Equal(TlsSettings.AllowedThumbprintsKey, error.Key);
        Assert.Equal(thumbprint, error.Value);
    }

    [Fact]
    public void Too_many_thumbprints_are_refused()
    {
        var pins = Enumerable.Repeat(new string('a', 64), TlsSettings.MaxAllowedThumbprints + 1).ToList();
        var error = Assert.Throws<ConfigurationException>(() => (_valid with { AllowedThumbprints = pins }).Validate());
        Assert.Equal(TlsSettings.AllowedThumbprintsKey, error.Key);
    }

    [Theory]
    [InlineData(SslProtocols.None)]
    [InlineData((SslProtocols)768)] // Tls11, whose name is obsolete
    [InlineData(SslProtocols.Tls13 | (SslProtocols)192)] // with Tls10
    public void Protocols_other_than_tls12_and_tls13_are_refused(SslProtocols protocols)
    {
        var error = Assert.Throws<ConfigurationException>(() => (_valid with { Protocols = protocols }).Validate());
        Assert.Equal(TlsSettings.ProtocolsKey, error.Key);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(301)]
    public void A_handshake_timeout_outside_0_to_5_minutes_is_refused(int seconds)
    {
        var error = Assert.Throws<ConfigurationException>(() => (_valid with { HandshakeTimeout = TimeSpan.FromSeconds(seconds) }).Validate());
        Assert.Equal(TlsSettings.HandshakeTimeoutKey, error.Key);
    }

    [Fact]
    public void ToString_never_shows_the_key_password()
    {
        var text = (_valid with { KeyPassword = "s3cret-password" }).ToString();
        Assert.DoesNotContain("s3cret-password", text);
        Assert.Contains("KeyPassword = (hidden)", text);
        Assert.Contains(_valid.CertificatePath, text);
    }
}
