using System.Globalization;
using AkkaCompute.Compute.Execution.Limits;
using AkkaCompute.Compute.Execution.Limits.Cgroups;

namespace AkkaCompute.Compute.Execution;

/// <summary>
/// Watches the limits of one shell run that the kernel does not enforce for us: bytes written to stdout and stderr
/// together (counted as the runner reads the pipes), processes alive in the task's process group, or in its cgroup when
/// it has one (counted every <see cref="ProcessPollInterval"/>), and, with a cgroup, the CPU time of all its processes
/// together (<c>cpu.stat</c>, at the same interval and once more after the exit). The first limit exceeded trips
/// <see cref="Tripped"/> and is named in <see cref="Reason"/>; the runner then kills the group. Thread-safe.
/// </summary>
internal sealed class LimitWatch : IDisposable
{
    /// <summary>How often processes are counted and a cgroup's CPU time read: 100 ms.</summary>
    public static readonly TimeSpan ProcessPollInterval = TimeSpan.FromMilliseconds(100);

    private readonly TaskLimits _limits;
    private readonly CgroupScope? _scope;
    private readonly CancellationTokenSource _tripped = new();
    private readonly CancellationTokenSource _stop = new();
    private long _outputBytes;
    private string? _reason;

    /// <summary>A watch over <paramref name="limits"/>, reading <paramref name="scope"/> when the run has a cgroup.</summary>
    public LimitWatch(TaskLimits limits, CgroupScope? scope = null)
    {
        _limits = limits;
        _scope = scope;
    }

    /// <summary>Cancelled when a limit is exceeded.</summary>
    public CancellationToken Tripped => _tripped.Token;

    /// <summary>The first limit exceeded, e.g. <c>output limit 1 KiB exceeded (more than 1,024 bytes written)</c>; null while none is.</summary>
    public string? Reason => Volatile.Read(ref _reason);

    /// <summary><paramref name="pipe"/>, counting what is read from it against the output limit; itself when there is none.</summary>
    public Stream Count(Stream pipe) => _limits.OutputBytes is null ? pipe : new CountingStream(pipe, this);

    /// <summary>
    /// Counts <paramref name="child"/>'s processes (in its cgroup, else its process group) and reads its cgroup's CPU
    /// time until <see cref="Dispose"/>; does nothing when there is neither a processes limit it can count nor a CPU
    /// limit summed in a cgroup.
    /// </summary>
    public void Watch(ShellChild child)
    {
        var processes = _limits.Processes is not null && (_scope is not null || child.HasGroup);
        var cpu = _limits.Cpu is not null && _scope is not null;
        if (!processes && !cpu)
        {
            return;
        }

        var stop = _stop.Token;
        _ = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(ProcessPollInterval);
            try
            {
                do
                {
                    if ((processes && CheckProcesses(child)) || (cpu && CheckCpu()))
                    {
                        return;
                    }
                }
                while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false));
            }
            catch (OperationCanceledException)
            {
                // The run is over.
            }
        }, stop);
    }

    /// <summary>
    /// After the shell exited: with a cgroup, the CPU time once more (a run may exceed it between two reads) and the
    /// OOM kills under <c>memory.max</c>. Records the limit in <see cref="Reason"/> when one was exceeded.
    /// </summary>
    public void CheckAfterExit()
    {
        if (_scope is null || Reason is not null)
        {
            return;
        }

        if (!CheckCpu() && _limits.MemoryBytes is { } memory && _scope.OomKills() is > 0 and var kills)
        {
            Trip(string.Create(CultureInfo.InvariantCulture, $"memory limit {TaskLimits.FormatBytes(memory)} exceeded (the kernel's OOM killer ended {kills} process(es) of the task's cgroup at memory.max)"));
        }
    }

    private bool CheckProcesses(ShellChild child)
    {
        var max = _limits.Processes!.Value;
        var alive = _scope?.ProcessCount() ?? ProcessGroup.CountLiveMembers(child.Pid);
        if (alive <= max)
        {
            return false;
        }

        var where = _scope is null ? "process group" : "cgroup";
        Trip(string.Create(CultureInfo.InvariantCulture, $"processes limit {max} exceeded ({alive} processes alive in the task's {where})"));
        return true;
    }

    private bool CheckCpu()
    {
        if (_scope is null || _limits.Cpu is not { } cpu)
        {
            return false;
        }

        var used = _scope.CpuUsed();
        if (used <= cpu)
        {
            return false;
        }

        Trip(string.Create(CultureInfo.InvariantCulture, $"cpu limit {TaskLimits.FormatCpu(cpu)} exceeded ({used.TotalSeconds:0.00} s of CPU used by the task's processes together, counted in its cgroup)"));
        return true;
    }

    /// <summary>Stops watching.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
        _tripped.Dispose();
    }

    private void Added(int bytes)
    {
        var total = Interlocked.Add(ref _outputBytes, bytes);
        if (_limits.OutputBytes is { } max && total > max)
        {
            Trip(string.Create(CultureInfo.InvariantCulture, $"output limit {TaskLimits.FormatBytes(max)} exceeded (more than {max:N0} bytes written to stdout and stderr)"));
        }
    }

    private void Trip(string reason)
    {
        if (Interlocked.CompareExchange(ref _reason, reason, null) is null)
        {
            try
            {
                _tripped.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The run ended meanwhile; the reason stays recorded.
            }
        }
    }

    /// <summary>A read-only pass-through stream that reports every byte read to its watch.</summary>
    private sealed class CountingStream(Stream inner, LimitWatch watch) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Counted(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Counted(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken).ConfigureAwait(false));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Counted(int read)
        {
            watch.Added(read);
            return read;
        }
    }
}
