using System.Runtime.InteropServices;

namespace AkkaCompute.Compute.Execution;

/// <summary>
/// Collects the exit status of children started with <see cref="PosixSpawn"/>, alongside .NET's own
/// child handling. On SIGCHLD (observed through a <see cref="PosixSignalRegistration"/>, which leaves
/// .NET's handling in place) it calls <c>waitpid(pid, WNOHANG)</c> for each child it watches, and only
/// for those: .NET does the same for the children its <c>Process</c> class started and leaves other
/// children alone, so neither steals the other's exit status. A reaped child leaves no zombie.
/// </summary>
/// <remarks>
/// <para>Signals of the same kind coalesce, so every SIGCHLD checks every watched child; a timer
/// checks them too every <see cref="SafetyPollInterval"/> while any is watched, so a lost or
/// swallowed signal (a native library that replaced the handler) delays an exit, never hangs it.</para>
/// <para>Limit: the table holds one entry per running spawned shell, bounded by the executors'
/// concurrency; each SIGCHLD costs one waitpid per entry.</para>
/// <para>When something else in the process reaps our child first (a <c>waitpid(-1)</c> in native
/// code, or .NET itself when it runs as PID 1 or with SIGCHLD ignored, which
/// <see cref="SpawnShellLauncher"/> refuses up front), the status is lost: the child reports exit code
/// -1 and <see cref="StatusLost"/> is set, which makes <see cref="ShellLauncher.Current"/> fall back to
/// the <c>Process</c> launcher from then on.</para>
/// </remarks>
internal static class ChildReaper
{
    /// <summary>How often watched children are checked without a signal: 1 s.</summary>
    public static readonly TimeSpan SafetyPollInterval = TimeSpan.FromSeconds(1);

    private static readonly Lock Gate = new();
    private static readonly Dictionary<int, TaskCompletionSource<int>> Watched = [];
    private static readonly Timer SafetyPoll = new(_ => CheckAll(), null, Timeout.Infinite, Timeout.Infinite);
    private static readonly Lazy<PosixSignalRegistration?> Registration = new(Register);
    private static volatile bool _statusLost;

    /// <summary>True once a watched child's status was collected by someone else (see remarks).</summary>
    public static bool StatusLost => _statusLost;

    /// <summary>Clears <see cref="StatusLost"/> (tests that provoke it put things back).</summary>
    internal static void ResetStatusLost() => _statusLost = false;

    /// <summary>Registers for SIGCHLD (once); false when the platform refuses.</summary>
    public static bool TryStart() => Registration.Value is not null;

    /// <summary>
    /// Watches <paramref name="pid"/>, a child just spawned and not yet waited for. Call before
    /// anything else can wait for it. The task completes (never faults) with its exit code: the exit
    /// status, 128 + N when signal N killed it, -1 when its status was lost.
    /// </summary>
    public static Task<int> Watch(int pid)
    {
        var exit = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        int? code;
        lock (Gate)
        {
            Watched.Add(pid, exit);
            if (Watched.Count == 1)
            {
                SafetyPoll.Change(SafetyPollInterval, SafetyPollInterval);
            }

            // It may have exited before it was in the table, its SIGCHLD already handled.
            code = TryReapLocked(pid);
        }

        if (code is { } c)
        {
            exit.TrySetResult(c);
        }

        return exit.Task;
    }

    /// <summary>
    /// Sends <paramref name="signal"/> to <paramref name="pid"/> when it is a watched child that has
    /// not been reaped. Under the table's lock, so the pid cannot have been freed and reused meanwhile.
    /// </summary>
    public static bool SignalIfWatched(int pid, int signal)
    {
        lock (Gate)
        {
            return Watched.ContainsKey(pid) && ProcessGroup.SignalProcess(pid, signal);
        }
    }

    /// <summary>Number of watched children not yet reaped (for tests).</summary>
    internal static int WatchedCount
    {
        get
        {
            lock (Gate)
            {
                return Watched.Count;
            }
        }
    }

    private static PosixSignalRegistration? Register()
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        try
        {
            return PosixSignalRegistration.Create(PosixSignal.SIGCHLD, _ => CheckAll());
        }
        catch (Exception e) when (e is PlatformNotSupportedException or IOException)
        {
            return null;
        }
    }

    private static void CheckAll()
    {
        List<(int Pid, TaskCompletionSource<int> Exit, int Code)>? exited = null;
        lock (Gate)
        {
            foreach (var (pid, exit) in Watched)
            {
                if (WaitNoHang(pid) is { } code)
                {
                    (exited ??= []).Add((pid, exit, code));
                }
            }

            if (exited is null)
            {
                return;
            }

            foreach (var (pid, _, _) in exited)
            {
                Watched.Remove(pid);
            }

            StopPollWhenIdleLocked();
        }

        foreach (var (_, exit, code) in exited)
        {
            exit.TrySetResult(code);
        }
    }

    private static int? TryReapLocked(int pid)
    {
        if (WaitNoHang(pid) is not { } code)
        {
            return null;
        }

        Watched.Remove(pid);
        StopPollWhenIdleLocked();
        return code;
    }

    private static void StopPollWhenIdleLocked()
    {
        if (Watched.Count == 0)
        {
            SafetyPoll.Change(Timeout.Infinite, Timeout.Infinite);
        }
    }

    /// <summary>The exit code when <paramref name="pid"/> has exited (and is now reaped), null while it runs.</summary>
    private static int? WaitNoHang(int pid)
    {
        var result = PosixSpawn.WaitPid(pid, PosixSpawn.WNoHang, out var status, out var errno);
        if (result == pid)
        {
            return PosixSpawn.ExitCodeOf(status);
        }

        if (result < 0 && errno == PosixSpawn.ErrNoChild)
        {
            _statusLost = true;
            return -1;
        }

        return null;
    }
}
