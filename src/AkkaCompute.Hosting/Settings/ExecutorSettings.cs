namespace AkkaCompute.Hosting.Settings;

/// <summary>
/// How a node runs tasks: pool size, timeouts, retries and the shell and function policies.
/// HOCON section <c>akc.executor</c>. The defaults below equal those in <c>hocon/reference.conf</c>;
/// the ranges are enforced by <see cref="NodeSettingsBinder"/>, not by this record.
/// </summary>
public sealed record ExecutorSettings
{
    /// <summary>Largest accepted <see cref="MaxConcurrent"/>: 1024.</summary>
    public const int MaxConcurrentLimit = 1024;

    /// <summary>
    /// <c>akc.executor.max-concurrent</c>: tasks run at once (the executor pool's size). Default
    /// <c>auto</c> = <see cref="Environment.ProcessorCount"/> (capped at 1024). Range 1 to 1024.
    /// </summary>
    public int MaxConcurrent { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, MaxConcurrentLimit);

    /// <summary><c>akc.executor.default-timeout</c>: per-attempt timeout of a task that sets none. Default 10 minutes; greater than 0, at most 7 days.</summary>
    public TimeSpan DefaultTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// <c>akc.executor.timeout-grace</c>: how long an attempt has, once its cancellation token is cancelled (timeout or
    /// cancel), to return before the node abandons it: the task is recorded TimedOut (or Cancelled), its executor is
    /// freed, and the code that ignored its token runs on in its thread, its result ignored. Default 1 s; greater than 0,
    /// at most 1 minute.
    /// </summary>
    public TimeSpan TimeoutGrace { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// <c>akc.executor.max-abandoned</c>: abandoned function attempts (see <see cref="TimeoutGrace"/>) still running at
    /// which the node refuses new function tasks, each failing at once with an error naming this key, until one of them
    /// returns or the node restarts; shell tasks still run (their process group is killed on timeout). Each abandoned
    /// attempt holds a thread. Default 8; 0 (refuse from the first) to 1,024.
    /// </summary>
    public int MaxAbandoned { get; init; } = 8;

    /// <summary>
    /// <c>akc.executor.isolation</c>: where function tasks that set no <c>isolation</c> run: <c>thread</c> (an executor
    /// thread; code that ignores cancellation is abandoned at its deadline) or <c>process</c> (a child <c>akc worker</c>
    /// process killed at its deadline, about 100 ms more per attempt). Default thread.
    /// </summary>
    public Compute.Executors.TaskIsolation Isolation { get; init; } = Compute.Executors.TaskIsolation.Thread;

    /// <summary><c>akc.executor.max-retries</c>: retries after a failed or timed-out attempt for a task that sets none. Default 0; 0 to 100.</summary>
    public int MaxRetries { get; init; }

    /// <summary><c>akc.executor.backoff-base</c>: first retry delay before jitter; doubles per retry. Default 200 ms; greater than 0, at most 1 hour.</summary>
    public TimeSpan BackoffBase { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary><c>akc.executor.backoff-max</c>: largest retry delay. Default 30 s; at least <see cref="BackoffBase"/>, at most 1 day.</summary>
    public TimeSpan BackoffMax { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// <c>akc.executor.shell.output-limit</c>: bytes of stdout, and separately of stderr, kept per
    /// shell task; the rest is dropped. Default 1 MiB (1,048,576); 1 KiB to 64 MiB.
    /// </summary>
    public long ShellOutputLimitBytes { get; init; } = 1024 * 1024;

    /// <summary>
    /// <c>akc.executor.shell.deny</c>: .NET regular expressions of commands refused in addition to the
    /// built-in deny list. Default empty; at most 1,000 entries of at most 1,000 characters, each a valid regex.
    /// </summary>
    public IReadOnlyList<string> ShellDeny { get; init; } = [];

    /// <summary>
    /// <c>akc.executor.shell.allow</c>: .NET regular expressions of the only commands allowed. Default
    /// empty = no allow list (everything not denied may run); same limits as <see cref="ShellDeny"/>.
    /// </summary>
    public IReadOnlyList<string> ShellAllow { get; init; } = [];

    /// <summary><c>akc.executor.shell.kill-grace</c>: time between SIGTERM and SIGKILL of a timed-out or cancelled process group. Default 2 s; 0 to 1 minute.</summary>
    public TimeSpan ShellKillGrace { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// <c>akc.executor.shell.cgroups</c>: <c>auto</c> (true) runs each shell task that has limits in a cgroup v2 cgroup
    /// of its own where the node may create one (CPU summed over the task's processes, processes counted wherever they
    /// go, all killed at the end, <c>memory.max</c> with the memory controller); <c>off</c> (false) keeps rlimits and
    /// the process-group watch only. Default true.
    /// </summary>
    public bool ShellCgroups { get; init; } = true;

    /// <summary>
    /// <c>akc.executor.limits</c>: resource limits of a shell task that sets none of its own (cpu 1 s to 7 days, memory
    /// 16 MiB to 1 TiB, processes 1 to 100,000, output 0 to 1 TiB). Default: every field null (unlimited). At most
    /// <see cref="LimitsMax"/>.
    /// </summary>
    public Compute.Execution.Limits.TaskLimits Limits { get; init; } = Compute.Execution.Limits.TaskLimits.None;

    /// <summary>
    /// <c>akc.executor.limits.max</c>: the most a shell task may ask for, per field (same ranges as <see cref="Limits"/>);
    /// a task asking more is refused with the field, its value and this maximum. A field with a maximum is never
    /// unlimited: a task without its own value or a default gets the maximum. Default: every field null (no maximum).
    /// </summary>
    public Compute.Execution.Limits.TaskLimits LimitsMax { get; init; } = Compute.Execution.Limits.TaskLimits.None;

    /// <summary>
    /// <c>akc.executor.limits.max.wall-time</c>: the longest <c>timeout</c> (the wall-time limit) a task may set; at
    /// least <see cref="DefaultTimeout"/>. Default null (no maximum beyond 7 days); greater than 0, at most 7 days.
    /// </summary>
    public TimeSpan? MaxWallTime { get; init; }

    /// <summary>
    /// <c>akc.executor.shell.confine-root</c>: an existing directory (absolute) below which every shell task's working
    /// directory must lie once links and <c>..</c> are resolved; a task outside it is refused. Confines where a command
    /// starts, not the process (no chroot). Default null (empty in HOCON): no confinement.
    /// </summary>
    public string? ShellConfineRoot { get; init; }

    /// <summary>The node's limits as the runner applies them: <see cref="Limits"/>, <see cref="LimitsMax"/>, <see cref="MaxWallTime"/> and <see cref="ShellConfineRoot"/>.</summary>
    public Compute.Execution.Limits.TaskLimitsPolicy LimitsPolicy => new(Limits, LimitsMax, MaxWallTime, ShellConfineRoot);

    /// <summary>
    /// <c>akc.executor.functions.assemblies</c>: paths of assemblies whose attributed static methods are
    /// registered as functions, as written (relative paths are relative to the working directory).
    /// Default empty; at most 1,000 entries.
    /// </summary>
    public IReadOnlyList<string> FunctionAssemblies { get; init; } = [];
}
