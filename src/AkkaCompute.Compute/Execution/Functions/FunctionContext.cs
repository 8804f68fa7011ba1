using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AkkaCompute.Compute.Execution;

/// <summary>
/// What a compute function may learn about the attempt that runs it. A function receives it by
/// declaring a parameter of this type. Immutable; the executor builds one per attempt.
/// </summary>
public sealed record FunctionContext
{
    private readonly int _attempt = 1;
    private readonly string _workingDirectory = Directory.GetCurrentDirectory();

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
    /// process's current directory when the context is created.
    /// </summary>
    /// <exception cref="ArgumentException">Set to an empty or whitespace string.</exception>
    public string WorkingDirectory
    {
        get => _workingDirectory;
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
