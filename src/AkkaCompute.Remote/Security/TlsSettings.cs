namespace AkkaCompute.Remote.Security;

/// <summary>STUB (replaced by the real implementation).</summary>
public sealed record TlsSettings
{
    /// <summary>Stub.</summary>
    public string CertificatePath { get; init; } = "";

    /// <summary>Stub.</summary>
    public void Validate() { }
}
