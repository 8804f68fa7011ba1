using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace AkkaCompute.Bench;

/// <summary>
/// The child processes the bench starts (remote peers, cluster nodes): each is killed, with its process tree, when the bench
/// exits normally or is stopped by SIGTERM, SIGINT or SIGHUP (.NET 10 raises no ProcessExit on a signal, so the handlers are
/// registered here; the bench then dies of the signal as usual). A bench killed with SIGKILL leaves them running.
/// </summary>
internal static class ChildProcesses
{
    private static readonly ConcurrentDictionary<Process, byte> Live = new();
    private static int s_hooked;
    private static PosixSignalRegistration[]? s_signals;

    /// <summary>Tracks <paramref name="process"/> (started) until <see cref="Forget"/>.</summary>
    public static void Track(Process process)
    {
        if (Interlocked.Exchange(ref s_hooked, 1) == 0)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
            s_signals = [.. new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT, PosixSignal.SIGHUP }.Select(s => PosixSignalRegistration.Create(s, _ => KillAll()))];
        }

        Live[process] = 0;
    }

    /// <summary>Stops tracking <paramref name="process"/> (it exited or was killed).</summary>
    public static void Forget(Process process) => Live.TryRemove(process, out _);

    /// <summary>Kills <paramref name="process"/> and its tree with SIGKILL and waits up to 5 s for it; nothing when it is already gone.</summary>
    public static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            // Already gone.
        }
    }

    private static void KillAll()
    {
        foreach (var p in Live.Keys)
        {
            Kill(p);
        }
    }
}
