using System.Globalization;
using System.Runtime.InteropServices;

namespace AkkaCompute.Compute.Execution;

/// <summary>
/// Signals a Unix process group (libc <c>kill(-pgid, sig)</c>) and checks whether it still has
/// living members (by scanning <c>/proc</c>, where zombies count as dead). Linux only.
/// </summary>
internal static partial class ProcessGroup
{
    public const int SigKill = 9;
    public const int SigTerm = 15;

    /// <summary>
    /// Sends <paramref name="signal"/> to every process in group <paramref name="pgid"/>. Never
    /// signals the caller's own group. Returns false when the group no longer exists.
    /// </summary>
    public static bool Signal(int pgid, int signal)
    {
        if (pgid <= 1 || pgid == OwnGroup.Value)
        {
            return false;
        }

        return NativeMethods.kill(-pgid, signal) == 0;
    }

    /// <summary>Sends <paramref name="signal"/> to the single process <paramref name="pid"/>; false when it is gone.</summary>
    public static bool SignalProcess(int pid, int signal) => pid > 1 && NativeMethods.kill(pid, signal) == 0;

    /// <summary>
    /// True when some process in group <paramref name="pgid"/> is alive (not a zombie). Without a
    /// readable /proc, falls back to <c>kill(-pgid, 0)</c>, which also counts zombies.
    /// </summary>
    public static bool HasLiveMembers(int pgid)
    {
        try
        {
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                var name = Path.GetFileName(dir.AsSpan());
                if (name.Length == 0 || !char.IsAsciiDigit(name[0]))
                {
                    continue;
                }

                if (TryReadStat(dir, out var state, out var group) && group == pgid && state != 'Z' && state != 'X')
                {
                    return true;
                }
            }

            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return NativeMethods.kill(-pgid, 0) == 0;
        }
    }

    /// <summary>
    /// How many processes of group <paramref name="pgid"/> are alive (not zombies), by scanning <c>/proc</c>; 0 when
    /// /proc cannot be read.
    /// </summary>
    public static int CountLiveMembers(int pgid)
    {
        var count = 0;
        try
        {
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                var name = Path.GetFileName(dir.AsSpan());
                if (name.Length > 0 && char.IsAsciiDigit(name[0]) && TryReadStat(dir, out var state, out var group) && group == pgid && state != 'Z' && state != 'X')
                {
                    count++;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }

        return count;
    }

    /// <summary>Reads a process's state letter and process group from <c>/proc/PID/stat</c>; false when it vanished.</summary>
    internal static bool TryReadStat(string procDirectory, out char state, out int pgid)
    {
        state = '?';
        pgid = 0;
        string stat;
        try
        {
            stat = File.ReadAllText(Path.Combine(procDirectory, "stat"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so parse after the last ')'.
        var close = stat.LastIndexOf(')');
        if (close < 0)
        {
            return false;
        }

        var fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 3 || fields[0].Length != 1)
        {
            return false;
        }

        state = fields[0][0];
        return int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out pgid);
    }

    private static readonly Lazy<int> OwnGroup = new(() => NativeMethods.getpgrp());

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        public static extern int kill(int pid, int sig);

        [DllImport("libc")]
        public static extern int getpgrp();
    }
}
