namespace AkkaCompute.Compute.Execution;

/// <summary>
/// Starts <c>/bin/sh -c COMMAND</c> for <see cref="ShellRunner"/>. Two ways:
/// <see cref="Spawn"/> (glibc <c>posix_spawn</c> with <c>POSIX_SPAWN_SETSID</c>: one exec per task) and
/// <see cref="Process"/> (.NET's <see cref="System.Diagnostics.Process"/> through util-linux
/// <c>setsid</c>: two execs). <see cref="Current"/> picks the first once, when it is supported here.
/// </summary>
internal abstract class ShellLauncher
{
    /// <summary>The <see cref="System.Diagnostics.Process"/> + setsid launcher; works wherever .NET runs.</summary>
    public static ShellLauncher Process { get; } = new ProcessShellLauncher();

    /// <summary>The posix_spawn launcher, or null when this platform lacks what it needs (see <see cref="SpawnShellLauncher.TryCreate"/>).</summary>
    public static ShellLauncher? Spawn => LazySpawn.Value;

    /// <summary>
    /// The launcher in use: <see cref="Spawn"/> when supported, else <see cref="Process"/>. Chosen once
    /// at first use; falls back to <see cref="Process"/> for good if a spawned shell's exit status is
    /// ever collected by someone else (see <see cref="ChildReaper"/>).
    /// </summary>
    public static ShellLauncher Current => Spawn is { } spawn && !ChildReaper.StatusLost ? spawn : Process;

    private static readonly Lazy<ShellLauncher?> LazySpawn = new(SpawnShellLauncher.TryCreate);

    /// <summary>A short name for diagnostics: "posix_spawn" or "process".</summary>
    public abstract string Name { get; }

    /// <summary>Starts the shell for a validated <paramref name="spec"/>, inside <paramref name="scope"/> when given (see <see cref="ShellCommandLine"/>).</summary>
    /// <exception cref="InvalidOperationException">The shell could not be started; the message says why.</exception>
    public abstract ShellChild Start(ShellCommandSpec spec, Limits.Cgroups.CgroupScope? scope = null);

    /// <inheritdoc />
    public override string ToString() => Name;
}
