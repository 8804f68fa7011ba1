using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace AkkaCompute.Compute.Execution;

/// <summary>
/// Opens a file for the built-ins only if it is a regular file. A FIFO, a device or a socket is refused before it is
/// opened (opening a FIFO for reading blocks until a writer comes, and reading one or a device never ends), and on
/// Linux the file is opened with <c>O_NONBLOCK</c> and checked again on its handle, so a file swapped for a FIFO
/// between the check and the open cannot block either.
/// </summary>
internal static class RegularFile
{
    private const int AtFdCwd = -100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxType = 0x1;
    private const int StatxBufferBytes = 256;
    private const int StatxModeOffset = 28;
    private const int ENOENT = 2;
    private const int ENOTDIR = 20;

    // Linux open(2) flags; the same values on x86-64 and arm64 (asm-generic).
    private const int ORdOnly = 0;
    private const int ONoCtty = 0x100;
    private const int ONonBlock = 0x800;
    private const int OCloExec = 0x80000;

    private const int SIfMt = 0xF000;
    private const int SIfReg = 0x8000;
    private const int SIfDir = 0x4000;

    /// <summary>
    /// Opens <paramref name="path"/> for reading if it is a regular file (symbolic links followed).
    /// </summary>
    /// <param name="function">The built-in's name, for messages.</param>
    /// <param name="file">The path as given, for messages.</param>
    /// <param name="path">The resolved path.</param>
    /// <returns>The open handle; the caller disposes it.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist, or is a directory.</exception>
    /// <exception cref="ArgumentException">It is not a regular file (a FIFO, a device, a socket): refused, not opened.</exception>
    /// <exception cref="IOException">It could not be opened.</exception>
    public static SafeFileHandle OpenForRead(string function, string file, string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            if (!File.Exists(path))
            {
                throw NotFound(function, file, path);
            }

            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }

        var bytes = NullTerminated(path);
        var mode = Statx(AtFdCwd, bytes, 0, function, file, path);
        Check(mode, function, file, path);
        var fd = NativeMethods.open(bytes, ORdOnly | ONoCtty | ONonBlock | OCloExec);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw errno is ENOENT or ENOTDIR
                ? NotFound(function, file, path)
                : new IOException($"{function}: cannot open '{file}' ({path}): {new Win32Exception(errno).Message}");
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            Check(Statx(fd, [0], AtEmptyPath, function, file, path), function, file, path);
            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>What a file type is called in messages, from the <c>S_IFMT</c> bits of its mode.</summary>
    internal static string TypeName(int mode) => (mode & SIfMt) switch
    {
        0x1000 => "a FIFO (named pipe)",
        0x2000 => "a character device",
        0x6000 => "a block device",
        0xA000 => "a symbolic link",
        0xC000 => "a socket",
        SIfDir => "a directory",
        SIfReg => "a regular file",
        var t => $"a file of unknown type 0x{t:x}",
    };

    private static void Check(int mode, string function, string file, string path)
    {
        switch (mode & SIfMt)
        {
            case SIfReg:
                return;
            case SIfDir:
                throw new FileNotFoundException($"{function}: '{file}' is a directory, not a file", path);
            default:
                throw new ArgumentException(
                    $"{function}: '{file}' is {TypeName(mode)}, not a regular file; refused without reading it (reading it might never end)");
        }
    }

    private static int Statx(int dirFd, byte[] path, int flags, string function, string file, string fullPath)
    {
        var buffer = new byte[StatxBufferBytes];
        if (NativeMethods.statx(dirFd, path, flags, StatxType, buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw errno is ENOENT or ENOTDIR
                ? NotFound(function, file, fullPath)
                : new IOException($"{function}: cannot inspect '{file}' ({fullPath}): {new Win32Exception(errno).Message}");
        }

        return BitConverter.ToUInt16(buffer, StatxModeOffset);
    }

    private static FileNotFoundException NotFound(string function, string file, string path) =>
        Directory.Exists(path)
            ? new FileNotFoundException($"{function}: '{file}' is a directory, not a file", path)
            : new FileNotFoundException($"{function}: file '{file}' not found (resolved to {path})", path);

    private static byte[] NullTerminated(string path)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(path) + 1];
        Encoding.UTF8.GetBytes(path, bytes);
        return bytes;
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        public static extern int statx(int dirFd, byte[] path, int flags, uint mask, [Out] byte[] buffer);

        [DllImport("libc", SetLastError = true)]
        public static extern int open(byte[] path, int flags);
    }
}
