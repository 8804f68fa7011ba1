using System.Text.Json.Serialization;

namespace AkkaCompute.Compute.Execution;

/// <summary>The result of the built-in <c>word-count</c>.</summary>
/// <param name="Words">Words as GNU <c>wc -w</c> counts them in a UTF-8 locale (whitespace-separated).</param>
/// <param name="Lines">'\n' bytes, as <c>wc -l</c>.</param>
/// <param name="Bytes">Bytes, as <c>wc -c</c>.</param>
/// <param name="Counts">Lower-cased tokens of letters and digits and how often each occurs, sorted by token (ordinal); merge many with the built-in <c>merge</c>.</param>
/// <param name="Top">The most frequent tokens, most frequent first (ties by token); null (omitted) unless asked for.</param>
/// <param name="File">The file path as given; null (omitted) for text.</param>
public sealed record WordCountResult(
    long Words,
    long Lines,
    long Bytes,
    IReadOnlyDictionary<string, long> Counts,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<WordFrequency>? Top = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? File = null);
