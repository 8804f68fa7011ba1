using AkkaCompute.Remote.Security;

namespace AkkaCompute.Remote.Tests.Security;

public sealed class TlsCertificateLoadingTests : IDisposable
{
    private const string Password = "correct horse battery staple";
    private readonly TlsWorld _world = new();

    public void Dispose() => _world.Dispose();

    [Fact]
    public void A_missing_certificate_file_is_refused_naming_certificate_path()
    {
        var settings = _world.Settings(_world.Node1) with { CertificatePath = _world.Dir.File("nope.crt") };
        var error = Assert.Throws<ConfigurationException>(() => new TlsStreamFactory(settings));
        Assert.Equal(TlsSettings.CertificatePathKey, error.Key);
        Assert.Equal(settings.CertificatePath, error.Value);
        Assert.Contains("does not exist", error.Constraint);
    }

    [Fact]
    public void A_pem_certificate_without_key_path_and_without_a_key_inside_is_refused_naming_key_path()
    {
        var settings = _world.Settings(_world.Node1) with { KeyPath = null };
        var error = Assert.Throws<ConfigurationException>(() => new TlsStreamFactory(settings));
        Assert.Equal(TlsSettings.KeyPathKey, error.Key);
        Assert.Contains("holds no private key", error.Constraint);
    }

    [Fact]
    public void A_key_path_naming_a_missing_file_is_refused_naming_key_path()
    {
        var settings = _world.Settings(_world.Node1) with { KeyPath = _world.Dir.File("nope.key") };
        var error = Assert.Throws<ConfigurationException>(() => new TlsStreamFactory(settings));
        Assert.Equal(TlsSettings.KeyPathKey, error.Key);
        Assert.Contains("does not exist", error.Constraint);
    }

    [Fact]
    public void A_key_that_does_not_match_the_certificate_is_refused_naming_key_path()
    {
        var settings = _world.Settings(_world.Node1) with { KeyPath = _world.Dir.WriteKey("other.key", _world.Node2) };
        var error = Assert.Throws<ConfigurationException>(() => new TlsStreamFactory(settings));
        Assert.Equal(TlsSettings.KeyPathKey, error.Key);
        Assert.Contains("matches the certificate", error.Constraint);
    }

    [Fact]
    public void A_file_that_is_not_a_certificate_is_refused_naming_certificate_path()
    {
        var settings = _world.Settings(_world.Node1) with { CertificatePath = _world.Dir.Write("junk.crt", "not a certificate\n") };
        var error = Assert.Throws<ConfigurationException>(() => new TlsStreamFactory(settings));
        Assert.Equal(TlsSettings.CertificatePathKey, error.Key);
        Assert.Contains("BEGIN CERTIFICATE", error.Constraint);
    }

    [Fact]
    public void A_missing_ca_bundle_is_refused_naming_ca_certificate_path()
    {
        var settings = _world.Settings(_world.Node1) with { CaCertificatePath = _world.Dir.File("nope-ca.pem") };
        var error = Assert.Throws<ConfigurationException>(() => new TlsStreamFactory(settings));
        Assert.Equal(TlsSettings.CaCertificatePathKey, error.Key);
    }

    [Fact]
    public void A_ca_bundle_without_certificates_is_refused_naming_ca_certificate_path()
    {
        var settings = _world.Settings(_world.Node1) with { CaCertificatePath = _world.Dir.WriteKey("key-not-ca.pem", _world.Node2) };
        var error = Assert.Throws<ConfigurationException>(() => new TlsStreamFactory(settings));
        Assert.Equal(TlsSettings.CaCertificatePathKey, error.Key);
        Assert.Contains("no '-----BEGIN CERTIFICATE-----' block", error.Constraint);
    }

    [Fact]
    public void A_key_inside_the_certificate_file_is_used_when_key_path_is_unset()
    {
        var combined = _world.Dir.Write("combined.pem",
            File.ReadAllText(_world.Dir.WriteCertificate("n1.crt", _world.Node1)) + File.ReadAllText(_world.Dir.WriteKey("n1.key", _world.Node1)));
        var settings = _world.Settings(_world.Node1) with { CertificatePath = combined, KeyPath = null };
        using var factory = new TlsStreamFactory(settings);
        Assert.Equal(TestPki.Sha256(_world.Node1), factory.LocalThumbprint);
    }

    [Fact]
    public async Task An_encrypted_pem_key_is_decrypted_with_key_password_and_works_in_a_handshake()
    {
        var settings = _world.Settings(_world.Node1) with { KeyPath = _world.Dir.WriteKey("enc.key", _world.Node1, Password), KeyPassword = Password };
        await AssertHandshakeWorksAsync(settings);
    }

    [Fact]
    public void An_encrypted_pem_key_without_password_is_refused_naming_key_password()
    {
        var settings = _world.Settings(_world.Node1) with { KeyPath = _world.Dir.WriteKey("enc.key", _world.Node1, Password) };
        var error = Assert.Throws<ConfigurationException>(() => new TlsStreamFactory(settings));
        Assert.Equal(TlsSettings.KeyPasswordKey, error.Key);
        Assert.Contains("encrypted", error.Constraint);
    }

    [Fact]
    public void A_wrong_pem_key_password_is_refused_naming_key_password_without_showing_it()
    {
        const string wrong = "not-the-password-1234";
        var settings = _world.Settings(_world.Node1) with { KeyPath = _world.Dir.WriteKey("enc.key", _world.Node1, Password), KeyPassword = wrong };
        var error = Assert.Throws<ConfigurationException>(() => new TlsStreamFactory(settings));
        Assert.Equal(TlsSettings.KeyPasswordKey, error.Key);
        Assert.DoesNotContain(wrong, error.Message);
        Assert.DoesNotContain(Password, error.Message);
    }

    [Fact]
    public async Task A_pkcs12_file_with_its_password_works_in_a_handshake()
    {
        var settings = _world.Settings(_world.Node1) with
        {
            CertificatePath = _world.Dir.WritePkcs12("node-1.pfx", _world.Node1, Password),
            KeyPath = null,
            KeyPassword = Password,
        };
        await AssertHandshakeWorksAsync(settings);
    }

    [Fact]
    public void A_pkcs12_file_with_a_wrong_password_is_refused_naming_key_password_without_showing_it()
    {
        const string wrong = "wrong-password";
        var settings = _world.Settings(_world.Node1) with
        {
            CertificatePath = _world.Dir.WritePkcs12("node-1.p12", _world.Node1, Password),
            KeyPath = null,
            KeyPassword = wrong,
        };
        var error = Assert.Throws<ConfigurationException>(() => new TlsStreamFactory(settings));
        Assert.Equal(TlsSettings.KeyPasswordKey, error.Key);
        Assert.DoesNotContain(wrong, error.Message);
    }

    private async Task AssertHandshakeWorksAsync(TlsSettings serverSettings)
    {
        using var pair = await LoopbackPair.OpenAsync();
        using var server = new TlsStreamFactory(serverSettings);
        using var client = new TlsStreamFactory(_world.Settings(_world.Node2));
        Assert.Equal(TestPki.Sha256(_world.Node1), server.LocalThumbprint);

        var (serverStream, clientStream) = await Tls.HandshakeAsync(server, client, pair);
        await using (serverStream)
        await using (clientStream)
        {
            await Tls.AssertBytesFlowAsync(serverStream, clientStream);
        }
    }
}
