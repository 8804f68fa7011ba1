using System.Buffers;
using System.Collections;
using System.IO.Pipes;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace AkkaCompute.Compute.Execution;

/// <summary>
/// The fast launcher: glibc <c>posix_spawn</c> execs <c>/bin/sh -c COMMAND</c> directly, with
/// <c>POSIX_SPAWN_SETSID</c> so that the shell leads a new session and process group before its first
/// instruction (one exec per task instead of setsid's two, and no window in which the group does not
/// exist yet). stdin is /dev/null; stdout and stderr are close-on-exec pipes whose read ends the runner
/// reads asynchronously (epoll, as .NET's Process does); the exit status comes from
/// <see cref="ChildReaper"/>.
/// </summary>
/// <remarks>
/// The child gets what .NET's Process gives it: the node's environment as .NET sees it
/// (<see cref="Environment.GetEnvironmentVariables()"/>, so variables set from .NET count) plus the
/// spec's, the working directory, signal dispositions as exec leaves them (handlers reset to
/// default, ignored signals such as SIGPIPE stay ignored), and an empty signal mask.
/// </remarks>
internal sealed class SpawnShellLauncher : ShellLauncher
{
    private SpawnShellLauncher()
    {
    }

    /// <inheritdoc />
    public override string Name => "posix_spawn";

    /// <summary>
    /// The launcher, or null when it cannot work here: not Linux x64/arm64, a libc without
    /// posix_spawn_file_actions_addchdir_np (glibc &lt; 2.29) or POSIX_SPAWN_SETSID (glibc &lt; 2.26), no
    /// SIGCHLD notification, no <c>/bin/sh</c>, or .NET would reap every child itself: it runs as PID 1
    /// or SIGCHLD is ignored (see <see cref="ChildReaper"/>).
    /// </summary>
    public static ShellLauncher? TryCreate()
    {
        if (!PosixSpawn.IsSupported || Environment.ProcessId == 1 || SigChldIgnored() || !File.Exists(ShellRunner.ShellPath))
        {
            return null;
        }

        return ChildReaper.TryStart() ? new SpawnShellLauncher() : null;
    }

    /// <inheritdoc />
    public override ShellChild Start(ShellCommandSpec spec, Limits.Cgroups.CgroupScope? scope = null)
    {
        int outRead = -1, outWrite = -1, errRead = -1, errWrite = -1, pid = 0;
        Stream? stdout = null, stderr = null;
        var started = false;
        try
        {
            (outRead, outWrite) = PosixSpawn.CreatePipe();
            (errRead, errWrite) = PosixSpawn.CreatePipe();
            pid = SpawnShell(spec, scope, outWrite, errWrite);
            var exit = ChildReaper.Watch(pid);
            stdout = OpenReadEnd(ref outRead);
            stderr = OpenReadEnd(ref errRead);
            started = true;
            return new Child(pid, stdout, stderr, exit);
        }
        catch (IOException e)
        {
            throw new InvalidOperationException($"could not start {ShellRunner.ShellPath}: {e.Message}", e);
        }
        finally
        {
            // The child has its own copies of the write ends; ours must go so that the reads end at its exit.
            PosixSpawn.Close(outWrite);
            PosixSpawn.Close(errWrite);
            if (!started)
            {
                ProcessGroup.Signal(pid, ProcessGroup.SigKill); // A shell we cannot read from must not run on.
                stdout?.Dispose();
                stderr?.Dispose();
                PosixSpawn.Close(outRead);
                PosixSpawn.Close(errRead);
            }
        }
    }

    private static int SpawnShell(ShellCommandSpec spec, Limits.Cgroups.CgroupScope? scope, int stdoutFd, int stderrFd)
    {
        var strings = new NativeStrings();
        var words = ShellCommandLine.Build(spec, scope);
        var argv = words.Select(strings.Add).ToArray();
        var program = Encoding.UTF8.GetBytes(words[0] + "\0");
        var env = new List<int>();
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && entry.Value is string value && spec.Environment?.ContainsKey(name) != true)
            {
                env.Add(strings.Add(name, value));
            }
        }

        if (spec.Environment is { } extra)
        {
            foreach (var (name, value) in extra)
            {
                env.Add(strings.Add(name, value));
            }
        }

        var directory = spec.WorkingDirectory is { Length: > 0 } dir ? Encoding.UTF8.GetBytes(dir + "\0") : null;
        using var pinned = strings.Pin();
        var error = PosixSpawn.Spawn(program, pinned.Pointers(argv), pinned.Pointers(env), directory, stdoutFd, stderrFd, out var pid);
        if (error != 0)
        {
            var where = directory is null ? string.Empty : $" in '{spec.WorkingDirectory}'";
            throw new InvalidOperationException($"could not start {words[0]}{where}: {Marshal.GetPInvokeErrorMessage(error)} (errno {error})");
        }

        return pid;
    }

    /// <summary>Wraps a pipe read end in an epoll-driven stream, which owns it from then on (<paramref name="fd"/> becomes -1).</summary>
    private static AnonymousPipeClientStream OpenReadEnd(ref int fd)
    {
        var handle = new SafePipeHandle(fd, ownsHandle: true);
        fd = -1;
        try
        {
            return new AnonymousPipeClientStream(PipeDirection.In, handle);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>True when SIGCHLD (17) is ignored per the SigIgn mask in /proc/self/status: children are then never waitable.</summary>
    private static bool SigChldIgnored()
    {
        const int SigChld = 17;
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("SigIgn:", StringComparison.Ordinal))
                {
                    var mask = Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16);
                    return (mask & (1UL << (SigChld - 1))) != 0;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return true; // Cannot tell: do not risk it.
        }

        return true;
    }

    private sealed class Child(int pid, Stream stdout, Stream stderr, Task<int> exit) : ShellChild
    {
        public override int Pid => pid;

        public override bool HasGroup => true;

        public override Stream Stdout => stdout;

        public override Stream Stderr => stderr;

        public override bool HasExited => exit.IsCompleted;

        public override int ExitCode => exit.IsCompleted ? exit.Result : -1;

        public override Task WaitForExitAsync(CancellationToken cancellationToken) => exit.WaitAsync(cancellationToken);

        public override void SignalShell(int signal) => ChildReaper.SignalIfWatched(pid, signal);

        public override void KillTree() => ProcessGroup.Signal(pid, ProcessGroup.SigKill);

        public override void Dispose()
        {
            stdout.Dispose();
            stderr.Dispose();
        }
    }

    /// <summary>NUL-terminated UTF-8 strings packed into one pooled buffer, pinned while posix_spawn runs.</summary>
    private sealed class NativeStrings
    {
        private byte[] _buffer = ArrayPool<byte>.Shared.Rent(4096);
        private int _length;

        /// <summary>Appends <paramref name="text"/> and returns its offset.</summary>
        public int Add(string text) => Add(text, null);

        /// <summary>Appends <c>name=value</c> (or just <paramref name="name"/>) and returns its offset.</summary>
        public int Add(string name, string? value)
        {
            var bytes = Encoding.UTF8.GetByteCount(name) + (value is null ? 0 : 1 + Encoding.UTF8.GetByteCount(value)) + 1;
            Grow(bytes);
            var start = _length;
            _length += Encoding.UTF8.GetBytes(name, _buffer.AsSpan(_length));
            if (value is not null)
            {
                _buffer[_length++] = (byte)'=';
                _length += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
            }

            _buffer[_length++] = 0;
            return start;
        }

        public Pinned Pin() => new(_buffer);

        private void Grow(int bytes)
        {
            if (_length + bytes <= _buffer.Length)
            {
                return;
            }

            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + bytes));
            _buffer.AsSpan(0, _length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        /// <summary>The buffer pinned: turns offsets into NULL-terminated pointer arrays; returns the buffer to the pool on dispose.</summary>
        public sealed class Pinned(byte[] buffer) : IDisposable
        {
            private GCHandle _handle = GCHandle.Alloc(buffer, GCHandleType.Pinned);

            public IntPtr[] Pointers(IReadOnlyList<int> offsets)
            {
                var start = _handle.AddrOfPinnedObject();
                var pointers = new IntPtr[offsets.Count + 1];
                for (var i = 0; i < offsets.Count; i++)
                {
                    pointers[i] = start + offsets[i];
                }

                return pointers;
            }

            public void Dispose()
            {
                _handle.Free();
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}
