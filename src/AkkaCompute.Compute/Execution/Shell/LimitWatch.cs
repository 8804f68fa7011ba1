using System.Globalization;
using AkkaCompute.Compute.Execution.Limits;

namespace AkkaCompute.Compute.Execution;

/// <summary>
/// Watches the limits of one shell run that the kernel does not enforce for us: bytes written to stdout and stderr
/// together (counted as the runner reads the pipes) and processes alive in the task's process group (counted in
/// <c>/proc</c> every <see cref="ProcessPollInterval"/>). The first limit exceeded trips <see cref="Tripped"/> and is
/// named in <see cref="Reason"/>; the runner then kills the group. Thread-safe.
/// </summary>
internal sealed class LimitWatch : IDisposable
{
    /// <summary>How often the process group's members are counted: 100 ms.</summary>
    public static readonly TimeSpan ProcessPollInterval = TimeSpan.FromMilliseconds(100);

    private readonly TaskLimits _limits;
    private readonly CancellationTokenSource _tripped = new();
    private readonly CancellationTokenSource _stop = new();
    private long _outputBytes;
    private string? _reason;

    public LimitWatch(TaskLimits limits) => _limits = limits;

    /// <summary>Cancelled when a limit is exceeded.</summary>
    public CancellationToken Tripped => _tripped.Token;

    /// <summary>The first limit exceeded, e.g. <c>output limit 1 KiB exceeded (more than 1,024 bytes written)</c>; null while none is.</summary>
    public string? Reason => Volatile.Read(ref _reason);

    /// <summary><paramref name="pipe"/>, counting what is read from it against the output limit; itself when there is none.</summary>
    public Stream Count(Stream pipe) => _limits.OutputBytes is null ? pipe : new CountingStream(pipe, this);

    /// <summary>Counts <paramref name="child"/>'s process group until <see cref="Dispose"/>; does nothing without a processes limit or a group.</summary>
    public void WatchProcesses(ShellChild child)
    {
        if (_limits.Processes is not { } max || !child.HasGroup)
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
                    var alive = ProcessGroup.CountLiveMembers(child.Pid);
                    if (alive > max)
                    {
                        Trip(string.Create(CultureInfo.InvariantCulture, $"processes limit {max} exceeded ({alive} processes alive in the task's process group)"));
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
