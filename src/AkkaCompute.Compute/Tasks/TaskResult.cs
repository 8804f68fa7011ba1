using System.Text.Json;
using System.Text.Json.Serialization;

namespace AkkaCompute.Compute.Tasks;

/// <summary>The outcome of a task, recorded once by task id.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="State">Succeeded, Failed, Cancelled or TimedOut.</param>
/// <param name="Output">The result value (functions: their return value; shell: an object with exitCode, stdout, stderr); null unless succeeded.</param>
/// <param name="Error">Why it did not succeed; null when it did.</param>
/// <param name="Attempts">Attempts made (0 when it never ran, e.g. cancelled in the queue or served from cache).</param>
/// <param name="DurationMs">Wall time of the last attempt, in milliseconds.</param>
/// <param name="FromCache">True when the result came from the cache.</param>
/// <param name="InputFingerprint">
/// For a success: the <see cref="Execution.InputFingerprint"/> of the task's declared input files, taken when it was
/// queued to run (before it read them); null when it declares none, or in rows journaled before fingerprints were
/// recorded (such a task that now declares inputs runs again once when resubmitted).
/// </param>
public sealed record TaskResult(
    string TaskId,
    TaskState State,
    [property: JsonConverter(typeof(SharedEmptyOptionalObjectConverter))] JsonElement? Output,
    string? Error, int Attempts, double DurationMs, bool FromCache = false, string? InputFingerprint = null)
{
    /// <summary>True when <see cref="State"/> is Succeeded.</summary>
    public bool Succeeded => State == TaskState.Succeeded;
}
