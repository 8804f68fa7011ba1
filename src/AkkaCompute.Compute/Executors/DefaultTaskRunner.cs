using System.Text.Json;
using AkkaCompute.Compute.Execution;
using AkkaCompute.Compute.Execution.Limits;
using AkkaCompute.Compute.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AkkaCompute.Compute.Executors;

/// <summary>How <see cref="DefaultTaskRunner"/> runs shell commands.</summary>
/// <param name="Policy">Refuses dangerous or unlisted commands before they run.</param>
/// <param name="OutputLimitBytes">Captured bytes of stdout and of stderr each; the rest is discarded and flagged truncated.</param>
/// <param name="KillGrace">Time between SIGTERM and SIGKILL of the process group on timeout or cancel.</param>
/// <param name="Limits">The node's resource limits and confinement of shell tasks; null for <see cref="TaskLimitsPolicy.Unlimited"/>.</param>
/// <param name="Cgroups">Run each shell task with limits in a cgroup v2 cgroup of its own where the machine allows it (<see cref="ShellCommandSpec.UseCgroup"/>); default false.</param>
public sealed record ShellOptions(CommandPolicy Policy, int OutputLimitBytes = 1024 * 1024, TimeSpan? KillGrace = null, TaskLimitsPolicy? Limits = null, bool Cgroups = false);

/// <summary>
/// Runs functions from a <see cref="FunctionRegistry"/> and shell commands with <see cref="ShellRunner"/>,
/// under a <see cref="CommandPolicy"/>. A shell command gets <c>AKC_TASK_ID</c> and <c>AKC_ATTEMPT</c> in its
/// environment; its result is <c>{ exitCode, stdout, stderr, truncated }</c> (<c>::progress</c> lines it prints are reported
/// as progress and stay in <c>stdout</c>), and a non-zero exit code
/// fails the attempt (retryable). A shell task runs under the node's <see cref="ShellOptions.Limits"/>: one over a limit
/// fails naming it (<see cref="LimitVerdict"/>; retryable like any failed attempt), one the node refuses (above a maximum,
/// outside the confinement root) is rejected before it starts. Unknown functions, bad arguments and refused commands are
/// <see cref="TaskRejectedException"/>s: they fail at once, without retries.
/// </summary>
public sealed class DefaultTaskRunner(FunctionRegistry functions, ShellOptions shell, TimeProvider timeProvider, ILogger? logger = null) : ITaskRunner
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <inheritdoc />
    public Task<JsonElement> RunAsync(TaskSpec task, int attempt, CancellationToken cancellationToken) =>
        RunAsync(task, attempt, null, cancellationToken);

    /// <inheritdoc />
    public Task<JsonElement> RunAsync(TaskSpec task, int attempt, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        if ((shell.Limits ?? TaskLimitsPolicy.Unlimited).Problem(task) is { } refused)
        {
            return Task.FromException<JsonElement>(new TaskRejectedException($"refused by this node's limits, not run: {refused}"));
        }

        return task.Kind == TaskKind.Shell ? RunShellAsync(task, attempt, progress, cancellationToken) : RunFunctionAsync(task, attempt, progress, cancellationToken);
    }

    private async Task<JsonElement> RunFunctionAsync(TaskSpec task, int attempt, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var context = new FunctionContext(task.WorkingDirectory)
        {
            TimeProvider = timeProvider,
            Attempt = attempt,
            TaskId = task.Id,
            Logger = _logger,
            Progress = progress is null ? null : progress.Report,
        };
        try
        {
            return await functions.InvokeAsync(task.Function!, task.Args, context, cancellationToken).ConfigureAwait(false);
        }
        catch (UnknownFunctionException e)
        {
            throw new TaskRejectedException(e.Message, e);
        }
        catch (ArgumentBindingException e)
        {
            throw new TaskRejectedException(e.Message, e);
        }
    }

    private async Task<JsonElement> RunShellAsync(TaskSpec task, int attempt, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var decision = shell.Policy.Check(task.Command);
        if (!decision.Allowed)
        {
            throw new TaskRejectedException($"command refused, not run: {decision.Reason}");
        }

        var env = new Dictionary<string, string>(task.Environment ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            ["AKC_TASK_ID"] = task.Id,
            ["AKC_ATTEMPT"] = attempt.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var spec = ShellCommandSpec.FromTask(task) with
        {
            Environment = env,
            StdoutLimitBytes = shell.OutputLimitBytes,
            StderrLimitBytes = shell.OutputLimitBytes,
            KillGracePeriod = shell.KillGrace ?? TimeSpan.FromSeconds(2),
            Limits = (shell.Limits ?? TaskLimitsPolicy.Unlimited).Effective(task),
            UseCgroup = shell.Cgroups,
            Progress = progress,
        };
        var result = await ShellRunner.RunAsync(spec, cancellationToken).ConfigureAwait(false);
        if (LimitVerdict.Of(spec.Limits, result) is { } over)
        {
            throw new ShellCommandFailedException($"{over}; exit code {result.ExitCode}");
        }

        if (!result.Succeeded)
        {
            var stderr = result.Stderr.Length > 500 ? result.Stderr[..500] + "..." : result.Stderr;
            throw new ShellCommandFailedException($"exit code {result.ExitCode}{(stderr.Length > 0 ? ": " + stderr.Trim() : string.Empty)}");
        }

        return JsonSerializer.SerializeToElement(new { exitCode = result.ExitCode, stdout = result.Stdout, stderr = result.Stderr, truncated = result.Truncated });
    }
}

/// <summary>A shell command exited with a non-zero code (retryable).</summary>
public sealed class ShellCommandFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ShellCommandFailedException(string message) : base(message) { }
}
