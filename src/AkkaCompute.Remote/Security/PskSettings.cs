namespace AkkaCompute.Remote.Security;

/// <summary>STUB.</summary>
public sealed record PskSettings
{
    /// <summary>Stub.</summary>
    public string? Key { get; init; }

    /// <summary>Stub.</summary>
    public IReadOnlyList<string> AllowedNodeIds { get; init; } = [];

    /// <summary>Stub.</summary>
    public void Validate() { }

    /// <summary>Stub.</summary>
    public byte[] KeyBytes() => System.Text.Encoding.UTF8.GetBytes(Key!);
}
