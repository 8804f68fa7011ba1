using System.Runtime.InteropServices;
using System.Text;

namespace AkkaCompute.Compute.Execution.Files;

/// <summary>
/// Which file or directory a path names, after following symbolic links: the device and inode numbers on Linux
/// (<c>statx</c>), the canonical path (every link resolved) elsewhere. Two paths with equal identities name the same
/// directory, which is how a directory walk notices that a symlink leads back into what it already listed.
/// </summary>
/// <param name="Device">The device number (<c>major &lt;&lt; 32 | minor</c>), or 0 when <see cref="CanonicalPath"/> is used.</param>
/// <param name="Inode">The inode number, or 0 when <see cref="CanonicalPath"/> is used.</param>
/// <param name="CanonicalPath">The path with every link resolved, when device and inode are not available; otherwise null.</param>
public readonly record struct FileIdentity(ulong Device, ulong Inode, string? CanonicalPath)
{
    private const int AtFdCwd = -100;
    private const int StatxBasicStats = 0x7ff;
    private const int StatxBufferBytes = 256;

    /// <summary>The identity of what <paramref name="path"/> names, links followed; null when it does not exist or cannot be examined.</summary>
    /// <param name="path">An absolute or relative path.</param>
    /// <returns>The identity, or null.</returns>
    public static FileIdentity? Of(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (OperatingSystem.IsLinux()) return Statx(path);
        try
        {
            var info = new DirectoryInfo(Path.GetFullPath(path));
            var canonical = Canonical(info.FullName, hops: 0);
            return canonical is null ? null : new FileIdentity(0, 0, canonical);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static FileIdentity? Statx(string path)
    {
        var buffer = Marshal.AllocHGlobal(StatxBufferBytes);
        try
        {
            var bytes = Encoding.UTF8.GetBytes(path + "\0");
            if (NativeMethods.statx(AtFdCwd, bytes, 0, StatxBasicStats, buffer) != 0) return null;
            // struct statx (the same on every Linux architecture): stx_ino at 32, stx_dev_major at 136, stx_dev_minor at 140.
            var inode = (ulong)Marshal.ReadInt64(buffer, 32);
            var major = (uint)Marshal.ReadInt32(buffer, 136);
            var minor = (uint)Marshal.ReadInt32(buffer, 140);
            return new FileIdentity(((ulong)major << 32) | minor, inode, null);
        }
        catch (EntryPointNotFoundException)
        {
            return new FileIdentity(0, 0, Canonical(Path.GetFullPath(path), hops: 0));
        }
        finally
        {
            Marshal.FreeHGlobal(buffer);
        }
    }

    /// <summary>Resolves every link along the path (at most 40 hops, as the kernel allows), or null when a part is missing.</summary>
    private static string? Canonical(string full, int hops)
    {
        var root = Path.GetPathRoot(full) ?? "/";
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            var info = new FileInfo(next);
            if (!info.Exists && !Directory.Exists(next)) return null;
            if (info.LinkTarget is { } target)
            {
                if (++hops > 40) return null;
                var resolved = Canonical(Path.GetFullPath(Path.Combine(current, target)), hops);
                if (resolved is null) return null;
                next = resolved;
            }
            current = next;
        }
        return current;
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        public static extern int statx(int dirFd, byte[] path, int flags, int mask, IntPtr buffer);
    }
}
