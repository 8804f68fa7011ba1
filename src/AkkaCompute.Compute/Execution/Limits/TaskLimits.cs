using System.Globalization;
using System.Text.Json.Serialization;

namespace AkkaCompute.Compute.Execution.Limits;

/// <summary>
/// Resource limits of one shell task (job file <c>limits { cpu = 10s, memory = 512MiB, processes = 64, output = 1MiB }</c>,
/// node defaults and maxima under <c>akc.executor.limits</c>). Every field is optional: null means "not limited here"
/// (a task's null takes the node's default, see <see cref="TaskLimitsPolicy"/>). Immutable and serializable with
/// System.Text.Json. Wall time is not here: it is the task's <c>timeout</c>.
/// </summary>
public sealed record TaskLimits
{
    /// <summary>Smallest <see cref="Cpu"/>: 1 s (RLIMIT_CPU counts whole seconds).</summary>
    public static readonly TimeSpan CpuMin = TimeSpan.FromSeconds(1);

    /// <summary>Largest <see cref="Cpu"/>: 7 days.</summary>
    public static readonly TimeSpan CpuMax = TimeSpan.FromDays(7);

    /// <summary>Smallest <see cref="MemoryBytes"/>: 16 MiB (below it <c>/bin/sh</c> itself may not start).</summary>
    public const long MemoryBytesMin = 16L * 1024 * 1024;

    /// <summary>Largest <see cref="MemoryBytes"/>: 1 TiB.</summary>
    public const long MemoryBytesMax = 1L << 40;

    /// <summary>Largest <see cref="Processes"/>: 100,000.</summary>
    public const int ProcessesMax = 100_000;

    /// <summary>Largest <see cref="OutputBytes"/>: 1 TiB.</summary>
    public const long OutputBytesMax = 1L << 40;

    /// <summary>Limits that limit nothing.</summary>
    public static TaskLimits None { get; } = new();

    /// <summary>
    /// CPU time of each process of the task (RLIMIT_CPU, whole seconds, rounded up), <see cref="CpuMin"/> to
    /// <see cref="CpuMax"/>; null for unlimited. A process over it gets SIGXCPU, and SIGKILL one second later.
    /// </summary>
    public TimeSpan? Cpu { get; init; }

    /// <summary>
    /// Address space of each process of the task in bytes (RLIMIT_AS), <see cref="MemoryBytesMin"/> to
    /// <see cref="MemoryBytesMax"/>; null for unlimited. Allocations beyond it fail inside the process.
    /// </summary>
    public long? MemoryBytes { get; init; }

    /// <summary>
    /// Processes of the task alive at once (its process group, the shell included), 1 to <see cref="ProcessesMax"/>;
    /// null for unlimited. Watched by the node, which kills the group when it has more.
    /// </summary>
    public int? Processes { get; init; }

    /// <summary>
    /// Bytes the task may write to stdout and stderr together, 0 to <see cref="OutputBytesMax"/>; null for unlimited
    /// (output beyond <c>akc.executor.shell.output-limit</c> is then truncated, not failed). Over it the group is killed.
    /// </summary>
    public long? OutputBytes { get; init; }

    /// <summary>True when no field is set.</summary>
    [JsonIgnore]
    public bool IsEmpty => Cpu is null && MemoryBytes is null && Processes is null && OutputBytes is null;

    /// <summary>Each field of this, or <paramref name="fallback"/>'s where this one is null.</summary>
    /// <param name="fallback">The values to fall back on; null for none.</param>
    /// <returns>The merged limits.</returns>
    public TaskLimits Or(TaskLimits? fallback) => fallback is null ? this : new TaskLimits
    {
        Cpu = Cpu ?? fallback.Cpu,
        MemoryBytes = MemoryBytes ?? fallback.MemoryBytes,
        Processes = Processes ?? fallback.Processes,
        OutputBytes = OutputBytes ?? fallback.OutputBytes,
    };

    /// <summary>Why a field is out of its range (naming it as <c>cpu</c>, <c>memory</c>, ...), or null when all are in range.</summary>
    /// <returns>E.g. <c>memory = 1 MiB must be between 16 MiB and 1 TiB</c>.</returns>
    public string? RangeProblem()
    {
        if (Cpu is { } cpu && (cpu < CpuMin || cpu > CpuMax))
            return $"cpu = {FormatCpu(cpu)} must be between {FormatCpu(CpuMin)} and {FormatCpu(CpuMax)}";
        if (MemoryBytes is { } memory && memory is < MemoryBytesMin or > MemoryBytesMax)
            return $"memory = {FormatBytes(memory)} must be between {FormatBytes(MemoryBytesMin)} and {FormatBytes(MemoryBytesMax)}";
        if (Processes is { } processes && processes is < 1 or > ProcessesMax)
            return $"processes = {processes} must be between 1 and {ProcessesMax:N0}";
        if (OutputBytes is { } output && output is < 0 or > OutputBytesMax)
            return $"output = {FormatBytes(output)} must be between 0 and {FormatBytes(OutputBytesMax)}";
        return null;
    }

    /// <summary>Whole CPU seconds as RLIMIT_CPU takes them: <see cref="Cpu"/> rounded up; null when unset.</summary>
    [JsonIgnore]
    public long? CpuSeconds => Cpu is { } cpu ? (long)Math.Ceiling(cpu.TotalSeconds) : null;

    /// <summary>A CPU time for messages: <c>10 s</c>, <c>1.5 s</c>.</summary>
    /// <param name="cpu">The time.</param>
    /// <returns>Seconds with a unit.</returns>
    public static string FormatCpu(TimeSpan cpu) => cpu.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    /// <summary>A byte count for messages in the largest binary unit that divides it exactly: <c>100 MiB</c>, <c>1 KiB</c>, <c>17 B</c>.</summary>
    /// <param name="bytes">The count.</param>
    /// <returns>The count with a unit.</returns>
    public static string FormatBytes(long bytes)
    {
        foreach (var (size, unit) in new[] { (1L << 40, "TiB"), (1L << 30, "GiB"), (1L << 20, "MiB"), (1L << 10, "KiB") })
        {
            if (bytes != 0 && bytes % size == 0)
                return (bytes / size).ToString(CultureInfo.InvariantCulture) + " " + unit;
        }

        return bytes.ToString(CultureInfo.InvariantCulture) + " B";
    }

    /// <summary>The set fields for logs: <c>cpu 10 s, memory 512 MiB</c>; <c>none</c> when empty.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var parts = new List<string>(4);
        if (Cpu is { } cpu) parts.Add("cpu " + FormatCpu(cpu));
        if (MemoryBytes is { } memory) parts.Add("memory " + FormatBytes(memory));
        if (Processes is { } processes) parts.Add("processes " + processes.ToString(CultureInfo.InvariantCulture));
        if (OutputBytes is { } output) parts.Add("output " + FormatBytes(output));
        return parts.Count == 0 ? "none" : string.Join(", ", parts);
    }
}
