using System.Runtime.InteropServices;

namespace AkkaCompute.Compute.Execution.Limits;

/// <summary>
/// Checks that a shell task's working directory lies below a configured root (<c>akc.executor.shell.confine-root</c>)
/// once symbolic links and <c>..</c> are resolved (libc <c>realpath</c>), so <c>/srv/jobs/../etc</c> and a link
/// <c>/srv/jobs/out -&gt; /etc</c> are both refused. It confines the directory a command starts in, not the process:
/// there is no chroot, and a command may still <c>cd /</c> or read any path its user can.
/// </summary>
public static class WorkingDirectoryConfinement
{
    /// <summary>Why <paramref name="directory"/> is not allowed under <paramref name="root"/>, or null when it lies at or below it.</summary>
    /// <param name="directory">The working directory, absolute or relative to the node's current directory.</param>
    /// <param name="root">The confinement root, absolute.</param>
    /// <returns>E.g. <c>working directory '/etc' (resolved '/etc') is outside the confinement root '/srv/jobs' (akc.executor.shell.confine-root)</c>; a directory that does not exist is refused too.</returns>
    /// <exception cref="ArgumentException">Either path is empty.</exception>
    public static string? Problem(string directory, string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentException.ThrowIfNullOrEmpty(root);
        const string Key = "akc.executor.shell.confine-root";
        var realRoot = Resolve(root);
        if (realRoot is null)
            return $"the confinement root '{root}' ({Key}) does not exist or cannot be resolved";
        var real = Resolve(directory);
        if (real is null)
            return $"working directory '{directory}' does not exist (shell tasks are confined to '{root}', {Key})";
        return IsAtOrBelow(real, realRoot)
            ? null
            : $"working directory '{directory}'{(real == directory ? string.Empty : $" (resolved '{real}')")} is outside the confinement root '{root}' ({Key})";
    }

    /// <summary>True when <paramref name="path"/> equals <paramref name="root"/> or lies below it, comparing whole path segments.</summary>
    /// <param name="path">A resolved absolute path.</param>
    /// <param name="root">A resolved absolute path.</param>
    /// <returns>True when inside.</returns>
    public static bool IsAtOrBelow(string path, string root)
    {
        var trimmedRoot = root.Length > 1 ? root.TrimEnd('/') : root;
        return path == trimmedRoot
            || trimmedRoot == "/"
            || (path.StartsWith(trimmedRoot, StringComparison.Ordinal) && path.Length > trimmedRoot.Length && path[trimmedRoot.Length] == '/');
    }

    /// <summary>The canonical absolute path (links and <c>..</c> resolved), or null when it does not exist.</summary>
    private static string? Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        var result = NativeMethods.realpath(full, IntPtr.Zero);
        if (result == IntPtr.Zero)
            return null;
        try
        {
            return Marshal.PtrToStringUTF8(result);
        }
        finally
        {
            NativeMethods.free(result);
        }
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        public static extern IntPtr realpath([MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr resolved);

        [DllImport("libc")]
        public static extern void free(IntPtr pointer);
    }
}
