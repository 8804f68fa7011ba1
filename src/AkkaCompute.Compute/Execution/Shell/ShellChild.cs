namespace AkkaCompute.Compute.Execution;

/// <summary>
/// A running <c>/bin/sh -c COMMAND</c> as <see cref="ShellRunner"/> sees it, whichever
/// <see cref="ShellLauncher"/> started it: its pid, its output pipes (stdin is already closed or
/// /dev/null), its exit, and how to signal it. Disposing releases the runner's ends of the pipes.
/// </summary>
internal abstract class ShellChild : IDisposable
{
    /// <summary>The shell's pid; when <see cref="HasGroup"/>, also its process group id.</summary>
    public abstract int Pid { get; }

    /// <summary>True when the shell leads its own process group and session (pgid = sid = <see cref="Pid"/>).</summary>
    public abstract bool HasGroup { get; }

    /// <summary>The read end of the shell's stdout.</summary>
    public abstract Stream Stdout { get; }

    /// <summary>The read end of the shell's stderr.</summary>
    public abstract Stream Stderr { get; }

    /// <summary>True once the shell has exited and been reaped.</summary>
    public abstract bool HasExited { get; }

    /// <summary>The exit code (128 + N when killed by signal N) once exited; -1 before, or when unknown.</summary>
    public abstract int ExitCode { get; }

    /// <summary>Completes when the shell has exited; throws <see cref="OperationCanceledException"/> when the token is cancelled first.</summary>
    public abstract Task WaitForExitAsync(CancellationToken cancellationToken);

    /// <summary>Sends <paramref name="signal"/> to the shell alone while it has not exited; never to a reused pid.</summary>
    public abstract void SignalShell(int signal);

    /// <summary>Without a process group: kills the shell and the descendants it can still find.</summary>
    public abstract void KillTree();

    /// <inheritdoc />
    public abstract void Dispose();
}
