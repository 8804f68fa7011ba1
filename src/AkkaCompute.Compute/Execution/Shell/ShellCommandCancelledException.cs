namespace AkkaCompute.Compute.Execution;

/// <summary>
/// Thrown by <see cref="ShellRunner.RunAsync"/> when its token was cancelled: the command's whole
/// process group has been killed, and <see cref="Partial"/> holds what it wrote until then.
/// Whether that was a timeout or a cancellation is the token owner's knowledge, not the runner's.
/// </summary>
public sealed class ShellCommandCancelledException : OperationCanceledException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="partial">The output captured before the kill and the exit code after it.</param>
    /// <param name="cancellationToken">The token that was cancelled.</param>
    public ShellCommandCancelledException(ShellResult partial, CancellationToken cancellationToken)
        : base($"shell command cancelled after {partial.Duration.TotalMilliseconds:0} ms; its process group was killed (exit code {partial.ExitCode})", cancellationToken)
    {
        Partial = partial;
    }

    /// <summary>The output captured before the kill, and the exit code after it.</summary>
    public ShellResult Partial { get; }
}
