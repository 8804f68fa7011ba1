using System.Runtime.InteropServices;

namespace AkkaCompute.Compute.Execution;

/// <summary>
/// The libc calls behind <see cref="SpawnShellLauncher"/>: <c>posix_spawn</c> with its attribute and
/// file-action objects, <c>pipe2</c>, <c>close</c> and <c>waitpid</c>. Linux with glibc 2.29+ or musl
/// 1.1.24+ on x64 or arm64, where the constants below hold; <see cref="IsSupported"/> checks that
/// once. Uses no unsafe code: native objects live in <see cref="Marshal.AllocHGlobal(int)"/> blocks.
/// </summary>
internal static class PosixSpawn
{
    /// <summary>posix_spawnattr flag: set the attribute's signals to SIG_DFL in the child (glibc and musl: 0x04).</summary>
    public const short SetSigDefault = 0x04;

    /// <summary>posix_spawnattr flag: reset the signal mask to the attribute's (glibc and musl: 0x08).</summary>
    public const short SetSigMask = 0x08;

    /// <summary>posix_spawnattr flag: call setsid() in the child (glibc 2.26+ and musl: 0x80).</summary>
    public const short SetSid = 0x80;

    /// <summary>waitpid option: return 0 instead of blocking when the child is still running.</summary>
    public const int WNoHang = 1;

    /// <summary>errno: the process is not (or no longer) a waitable child of this one.</summary>
    public const int ErrNoChild = 10;

    /// <summary>errno: interrupted by a signal.</summary>
    public const int ErrInterrupted = 4;

    private const int OCloExec = 0x80000; // x64 and arm64
    private const int FDupFdCloExec = 1030;

    // glibc's posix_spawnattr_t is 336 bytes and posix_spawn_file_actions_t 80 on 64-bit targets
    // (musl's are smaller); the blocks are generously sized so that a layout change cannot overrun.
    private const int AttrBytes = 1024;
    private const int FileActionsBytes = 512;
    private const int SigSetBytes = 128;

    private const string LibC = "libc";

    private static readonly string[] RequiredExports =
    [
        "posix_spawn", "posix_spawnattr_init", "posix_spawnattr_setflags", "posix_spawnattr_setsigmask", "posix_spawnattr_setsigdefault",
        "posix_spawn_file_actions_init", "posix_spawn_file_actions_destroy", "posix_spawn_file_actions_addopen",
        "posix_spawn_file_actions_adddup2", "posix_spawn_file_actions_addchdir_np", "pipe2", "fcntl", "close", "waitpid",
    ];

    /// <summary>
    /// True on Linux x64/arm64 when libc exports every call used here (addchdir_np needs glibc 2.29)
    /// and accepts <see cref="SetSid"/> (glibc 2.26). Computed once.
    /// </summary>
    public static bool IsSupported => Support.Value;

    private static readonly Lazy<bool> Support = new(Probe);

    /// <summary>
    /// The shared spawn attributes: a new session (so the child leads its own process group), an
    /// empty signal mask, and SIG_DFL for libc's internal signals 32-34, which glibc and musl
    /// otherwise leave ignored in the child, and an ignored disposition survives exec (.NET's Process
    /// does not do that). Built once and only read afterwards, so concurrent spawns may share it.
    /// </summary>
    private static readonly Lazy<IntPtr> SharedAttributes = new(CreateAttributes);

    /// <summary>
    /// Starts <paramref name="path"/> with <paramref name="argv"/> and <paramref name="envp"/> (NUL-terminated
    /// pointer arrays into pinned memory) in a new session, stdin on /dev/null, stdout and stderr on the given
    /// pipe write ends, in <paramref name="workingDirectory"/> when not null.
    /// </summary>
    /// <returns>0 and the pid, or the error number (the exec or chdir failure in the child is reported here too).</returns>
    public static int Spawn(byte[] path, IntPtr[] argv, IntPtr[] envp, byte[]? workingDirectory, int stdoutFd, int stderrFd, out int pid)
    {
        pid = 0;
        var actions = Marshal.AllocHGlobal(FileActionsBytes);
        try
        {
            ZeroMemory(actions, FileActionsBytes);
            var error = NativeMethods.posix_spawn_file_actions_init(actions);
            if (error != 0)
            {
                return error;
            }

            try
            {
                if ((error = NativeMethods.posix_spawn_file_actions_addopen(actions, 0, DevNull, 0, 0)) != 0
                    || (error = NativeMethods.posix_spawn_file_actions_adddup2(actions, stdoutFd, 1)) != 0
                    || (error = NativeMethods.posix_spawn_file_actions_adddup2(actions, stderrFd, 2)) != 0
                    || (workingDirectory is not null && (error = NativeMethods.posix_spawn_file_actions_addchdir_np(actions, workingDirectory)) != 0))
                {
                    return error;
                }

                return NativeMethods.posix_spawn(out pid, path, actions, SharedAttributes.Value, argv, envp);
            }
            finally
            {
                NativeMethods.posix_spawn_file_actions_destroy(actions);
            }
        }
        finally
        {
            Marshal.FreeHGlobal(actions);
        }
    }

    /// <summary>
    /// Creates a pipe whose both ends are close-on-exec (so no concurrently spawned child inherits them)
    /// and above the standard descriptors 0-2 (so the child's dup2 onto 1 and 2 cannot clobber them).
    /// </summary>
    /// <exception cref="IOException">pipe2 failed (descriptor limit reached).</exception>
    public static (int Read, int Write) CreatePipe()
    {
        var fds = new int[2];
        if (NativeMethods.pipe2(fds, OCloExec) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"pipe2 failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
        }

        return (AboveStandard(fds[0]), AboveStandard(fds[1]));
    }

    /// <summary>Closes <paramref name="fd"/> when it is not negative.</summary>
    public static void Close(int fd)
    {
        if (fd >= 0)
        {
            NativeMethods.close(fd);
        }
    }

    /// <summary>waitpid(pid, &amp;status, options) with EINTR retried: the pid (status set), 0 (still running) or -1 (errno out).</summary>
    public static int WaitPid(int pid, int options, out int status, out int errno)
    {
        int result;
        do
        {
            result = NativeMethods.waitpid(pid, out status, options);
            errno = result < 0 ? Marshal.GetLastPInvokeError() : 0;
        }
        while (result < 0 && errno == ErrInterrupted);

        return result;
    }

    /// <summary>
    /// The exit code of a wait status, as .NET's Process reports it: the exit status when the process
    /// exited, 128 + N when signal N killed it.
    /// </summary>
    public static int ExitCodeOf(int status)
    {
        var signal = status & 0x7f;
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal;
    }

    private static readonly byte[] DevNull = "/dev/null\0"u8.ToArray();

    private static int AboveStandard(int fd)
    {
        if (fd > 2)
        {
            return fd;
        }

        // Only when the node runs with 0, 1 or 2 closed: move the descriptor up, keeping close-on-exec.
        var moved = NativeMethods.fcntl(fd, FDupFdCloExec, 3);
        NativeMethods.close(fd);
        if (moved < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"fcntl(F_DUPFD_CLOEXEC) failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
        }

        return moved;
    }

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux()
            || RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.Arm64)
            || !NativeLibrary.TryLoad(LibC, typeof(PosixSpawn).Assembly, null, out var libc))
        {
            return false;
        }

        foreach (var name in RequiredExports)
        {
            if (!NativeLibrary.TryGetExport(libc, name, out _))
            {
                return false;
            }
        }

        // An older libc refuses the flag with EINVAL rather than ignoring it.
        var attr = Marshal.AllocHGlobal(AttrBytes);
        try
        {
            ZeroMemory(attr, AttrBytes);
            return NativeMethods.posix_spawnattr_init(attr) == 0 && NativeMethods.posix_spawnattr_setflags(attr, SetSid | SetSigMask | SetSigDefault) == 0;
        }
        finally
        {
            Marshal.FreeHGlobal(attr);
        }
    }

    private static IntPtr CreateAttributes()
    {
        var attr = Marshal.AllocHGlobal(AttrBytes);
        ZeroMemory(attr, AttrBytes);
        var emptyMask = new byte[SigSetBytes];

        // sigset_t is a bit array, signal N at bit N-1; sigaddset refuses libc's internal signals, so set the bits directly.
        var internalSignals = new byte[SigSetBytes];
        internalSignals[3] = 0x80; // 32
        internalSignals[4] = 0x03; // 33, 34
        if (NativeMethods.posix_spawnattr_init(attr) != 0
            || NativeMethods.posix_spawnattr_setsigmask(attr, emptyMask) != 0
            || NativeMethods.posix_spawnattr_setsigdefault(attr, internalSignals) != 0
            || NativeMethods.posix_spawnattr_setflags(attr, SetSid | SetSigMask | SetSigDefault) != 0)
        {
            Marshal.FreeHGlobal(attr);
            throw new InvalidOperationException("posix_spawnattr setup failed although the probe passed");
        }

        return attr; // Kept for the life of the process.
    }

    private static void ZeroMemory(IntPtr block, int bytes)
    {
        for (var i = 0; i < bytes; i += sizeof(long))
        {
            Marshal.WriteInt64(block, i, 0);
        }
    }

    private static class NativeMethods
    {
        [DllImport(LibC)]
        public static extern int posix_spawn(out int pid, byte[] path, IntPtr fileActions, IntPtr attributes, IntPtr[] argv, IntPtr[] envp);

        [DllImport(LibC)]
        public static extern int posix_spawnattr_init(IntPtr attributes);

        [DllImport(LibC)]
        public static extern int posix_spawnattr_setflags(IntPtr attributes, short flags);

        [DllImport(LibC)]
        public static extern int posix_spawnattr_setsigmask(IntPtr attributes, byte[] sigmask);

        [DllImport(LibC)]
        public static extern int posix_spawnattr_setsigdefault(IntPtr attributes, byte[] sigdefault);

        [DllImport(LibC)]
        public static extern int posix_spawn_file_actions_init(IntPtr fileActions);

        [DllImport(LibC)]
        public static extern int posix_spawn_file_actions_destroy(IntPtr fileActions);

        [DllImport(LibC)]
        public static extern int posix_spawn_file_actions_addopen(IntPtr fileActions, int fd, byte[] path, int flags, int mode);

        [DllImport(LibC)]
        public static extern int posix_spawn_file_actions_adddup2(IntPtr fileActions, int fd, int newFd);

        [DllImport(LibC)]
        public static extern int posix_spawn_file_actions_addchdir_np(IntPtr fileActions, byte[] path);

        [DllImport(LibC, SetLastError = true)]
        public static extern int pipe2([Out] int[] fds, int flags);

        [DllImport(LibC, SetLastError = true)]
        public static extern int fcntl(int fd, int command, int argument);

        [DllImport(LibC, SetLastError = true)]
        public static extern int close(int fd);

        [DllImport(LibC, SetLastError = true)]
        public static extern int waitpid(int pid, out int status, int options);
    }
}
