using System.Text.Json.Serialization;

namespace AkkaCompute.Compute.Execution;

/// <summary>The result of the built-in <c>sha256</c>, as <c>sha256sum</c>, <c>wc -c</c> and <c>wc -l</c> would report it.</summary>
/// <param name="Sha256">The SHA-256 of the content, 64 lowercase hex digits.</param>
/// <param name="Bytes">The content's length in bytes.</param>
/// <param name="Lines">The number of '\n' bytes (as <c>wc -l</c> counts: a last line without a newline is not counted).</param>
/// <param name="File">The file path as given; null (and omitted from JSON) for text.</param>
public sealed record Sha256Result(
    string Sha256,
    long Bytes,
    long Lines,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? File = null);
