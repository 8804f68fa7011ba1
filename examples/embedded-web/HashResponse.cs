using System.Text.Json;

namespace EmbeddedWeb;

/// <summary>The answer of <c>POST /hash</c>.</summary>
/// <param name="TaskId">The task the request submitted.</param>
/// <param name="State">Its final state (Succeeded, Failed, TimedOut, Cancelled).</param>
/// <param name="Output">The sha256 function's output: <c>{"sha256": "...", "bytes": n, "lines": n}</c>.</param>
/// <param name="Error">The error, when it did not succeed.</param>
public sealed record HashResponse(string TaskId, string State, JsonElement? Output, string? Error);
