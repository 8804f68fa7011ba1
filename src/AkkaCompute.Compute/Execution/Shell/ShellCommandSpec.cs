using System.Text;
using AkkaCompute.Compute.Execution.Limits;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Compute.Execution;

/// <summary>A shell command to run with <see cref="ShellRunner"/>: <c>/bin/sh -c Command</c>.</summary>
/// <param name="Command">The command line, 1 to <see cref="CommandBytesMax"/> bytes of UTF-8, without NUL characters.</param>
public sealed record ShellCommandSpec(string Command)
{
    /// <summary>Longest command, in UTF-8 bytes (Linux's limit on one argument, MAX_ARG_STRLEN, less one).</summary>
    public const int CommandBytesMax = 128 * 1024 - 1;

    /// <summary>Default for <see cref="StdoutLimitBytes"/> and <see cref="StderrLimitBytes"/>: 1 MiB.</summary>
    public const int DefaultOutputLimitBytes = 1024 * 1024;

    /// <summary>Largest output limit: 256 MiB per stream.</summary>
    public const int OutputLimitBytesMax = 256 * 1024 * 1024;

    /// <summary>Most extra environment variables.</summary>
    public const int EnvironmentCountMax = 1_000;

    /// <summary>Longest <see cref="KillGracePeriod"/>: 60 s.</summary>
    public static readonly TimeSpan KillGracePeriodMax = TimeSpan.FromSeconds(60);

    /// <summary>The working directory; null for the process's current directory. Must exist.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Extra environment variables, added to (and overriding) the node's own. Null for none.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>Bytes of stdout kept, 0 to <see cref="OutputLimitBytesMax"/>; the rest is read and discarded and <see cref="ShellResult.StdoutTruncated"/> is set. Default 1 MiB.</summary>
    public int StdoutLimitBytes { get; init; } = DefaultOutputLimitBytes;

    /// <summary>Bytes of stderr kept, 0 to <see cref="OutputLimitBytesMax"/>; the rest is read and discarded and <see cref="ShellResult.StderrTruncated"/> is set. Default 1 MiB.</summary>
    public int StderrLimitBytes { get; init; } = DefaultOutputLimitBytes;

    /// <summary>
    /// On cancellation: how long after SIGTERM to the process group before SIGKILL, 0 to
    /// <see cref="KillGracePeriodMax"/>. Default 2 s.
    /// </summary>
    public TimeSpan KillGracePeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// When the shell exits, kill (SIGKILL) whatever it left running in its process group, such as
    /// background jobs, so a finished task owns no processes. Default true. When false, such
    /// processes keep running after the result is returned, and the runner waits at most
    /// <see cref="ShellRunner.OutputDrainMax"/> for them to release the output pipes; what they
    /// write after that is not captured.
    /// </summary>
    public bool KillLeftoverProcesses { get; init; } = true;

    /// <summary>
    /// Resource limits: CPU seconds and memory are set on the shell with util-linux <c>prlimit</c> before it starts
    /// (RLIMIT_CPU, RLIMIT_AS), processes and output bytes are watched by the runner, which kills the group at the
    /// limit (<see cref="ShellResult.LimitExceeded"/>). Default <see cref="TaskLimits.None"/>.
    /// </summary>
    public TaskLimits Limits { get; init; } = TaskLimits.None;

    /// <summary>
    /// Run a task with <see cref="Limits"/> in a cgroup v2 cgroup of its own where this machine allows it
    /// (<see cref="Limits.Cgroups.CgroupTree.Current"/>; <c>akc.executor.shell.cgroups = auto</c>): CPU time summed over
    /// its processes, processes counted wherever they go, everything killed at the end, <c>memory.max</c> when the
    /// memory controller is available. Ignored for a spec without limits, or where no cgroup can be made. Default false.
    /// </summary>
    public bool UseCgroup { get; init; }

    /// <summary>
    /// Receives the fraction done (0.0 to 1.0) of each <see cref="ProgressLine"/> (<c>::progress 0.4</c>,
    /// <c>::progress 40%</c>) the command prints on its standard output, on the thread that reads the output. The lines
    /// are kept in the captured stdout (it stays byte for byte what the command printed). Null (the default): not scanned.
    /// </summary>
    public IProgress<double>? Progress { get; init; }

    /// <summary>The command, working directory and environment of a shell task.</summary>
    /// <exception cref="ArgumentException">The task is not a shell task or has no command.</exception>
    public static ShellCommandSpec FromTask(TaskSpec task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.Kind != TaskKind.Shell || string.IsNullOrWhiteSpace(task.Command))
        {
            throw new ArgumentException($"task '{task.Id}' is not a shell task with a command", nameof(task));
        }

        return new ShellCommandSpec(task.Command) { WorkingDirectory = task.WorkingDirectory, Environment = task.Environment };
    }

    /// <summary>Checks every field.</summary>
    /// <exception cref="ArgumentException">A field is out of range; the message names the field, its value and the constraint.</exception>
    /// <exception cref="DirectoryNotFoundException">The working directory does not exist.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Command) || Command.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("Command must be non-empty and contain no NUL characters", nameof(Command));
        }

        var bytes = Encoding.UTF8.GetByteCount(Command);
        if (bytes > CommandBytesMax)
        {
            throw new ArgumentException($"Command is {bytes} bytes; the limit is {CommandBytesMax}", nameof(Command));
        }

        var range = Limits is null ? "must not be null" : Limits.RangeProblem();
        if (range is not null)
        {
            throw new ArgumentException($"Limits: {range}", nameof(Limits));
        }

        CheckLimit(StdoutLimitBytes, nameof(StdoutLimitBytes));
        CheckLimit(StderrLimitBytes, nameof(StderrLimitBytes));
        if (KillGracePeriod < TimeSpan.Zero || KillGracePeriod > KillGracePeriodMax)
        {
            throw new ArgumentException($"KillGracePeriod is {KillGracePeriod}; it must be between 0 and {KillGracePeriodMax}", nameof(KillGracePeriod));
        }

        if (Environment is { } env)
        {
            if (env.Count > EnvironmentCountMax)
            {
                throw new ArgumentException($"Environment has {env.Count} variables; the limit is {EnvironmentCountMax}", nameof(Environment));
            }

            foreach (var (name, value) in env)
            {
                if (string.IsNullOrEmpty(name) || name.Contains('=', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal)
                    || value is null || value.Contains('\0', StringComparison.Ordinal))
                {
                    throw new ArgumentException($"Environment variable '{name}' is invalid: names must be non-empty without '=' or NUL, values non-null without NUL", nameof(Environment));
                }
            }
        }

        if (WorkingDirectory is { } dir && !Directory.Exists(dir))
        {
            throw new DirectoryNotFoundException($"working directory '{dir}' does not exist");
        }
    }

    private static void CheckLimit(int value, string name)
    {
        if (value < 0 || value > OutputLimitBytesMax)
        {
            throw new ArgumentException($"{name} is {value}; it must be between 0 and {OutputLimitBytesMax}", name);
        }
    }
}
