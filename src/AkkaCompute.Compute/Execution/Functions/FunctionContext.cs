using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AkkaCompute.Compute.Execution;

/// <summary>
/// What a compute function may learn about the attempt that runs it. A function receives it by
/// declaring a parameter of this type. Immutable; the executor builds one per attempt. It is also the attempt's
/// <see cref="IProgress{T}"/> of the fraction done (<see cref="Report"/>), which a function may take as an
/// <c>IProgress&lt;double&gt;</c> parameter instead.
/// </summary>
public sealed record FunctionContext : IProgress<double>
{
    private readonly int _attempt = 1;
    private string? _workingDirectory;

    /// <summary>Creates a context whose <see cref="WorkingDirectory"/> is the process's current directory now.</summary>
    public FunctionContext() => _workingDirectory = Directory.GetCurrentDirectory();

    /// <summary>
    /// Creates the context of an attempt (the executor's): <paramref name="workingDirectory"/>, or when null the
    /// process's current directory, read when a function first asks for it (most never do, and reading it is a
    /// system call).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="workingDirectory"/> is empty or whitespace.</exception>
    internal FunctionContext(string? workingDirectory)
    {
        if (workingDirectory is not null)
        {
            WorkingDirectory = workingDirectory;
        }
    }

    /// <summary>The clock to use for delays and timestamps. Default: <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// The attempt number, 1 for the first run and 2 for the first retry. Default 1.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value below 1.</exception>
    public int Attempt
    {
        get => _attempt;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(Attempt));
            _attempt = value;
        }
    }

    /// <summary>
    /// The directory that relative file paths in arguments are resolved against. Default: the
    /// process's current directory when the context is created (for an attempt's context made by the
    /// executor: when first read).
    /// </summary>
    /// <exception cref="ArgumentException">Set to an empty or whitespace string.</exception>
    public string WorkingDirectory
    {
        get => _workingDirectory ??= Directory.GetCurrentDirectory();
        init
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value, nameof(WorkingDirectory));
            _workingDirectory = value;
        }
    }

    /// <summary>The task being run, for log messages; null outside a task (e.g. in tests).</summary>
    public string? TaskId { get; init; }

    /// <summary>Where a function writes its diagnostics. Default: a logger that discards everything.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>
    /// Optional progress callback: a function may report a fraction done, 0.0 to 1.0. Null when
    /// nobody listens. Must be cheap; it runs on the function's thread.
    /// </summary>
    public Action<double>? Progress { get; init; }

    /// <summary>
    /// Reports the fraction of the work done, 0.0 to 1.0 (values outside are clamped by the node, NaN is ignored). Cheap
    /// enough to call in a loop: the node keeps the latest value and sends at most 4 reports a second per task
    /// (<see cref="ProgressGate.DefaultInterval"/>); the value shows in <c>akc run</c>, <c>akc top</c>, the REST API
    /// (<c>progress</c> of a running task) and the dashboard. Does nothing when nobody listens (<see cref="Progress"/> null).
    /// Never throws.
    /// </summary>
    /// <param name="value">The fraction done.</param>
    public void Report(double value) => Progress?.Invoke(value);

    /// <summary>
    /// Resolves <paramref name="path"/> against <see cref="WorkingDirectory"/>; absolute paths are
    /// returned normalized and otherwise unchanged.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or whitespace.</exception>
    public string ResolvePath(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Path.GetFullPath(path, Path.GetFullPath(WorkingDirectory));
    }
}
