using System.Collections.Concurrent;

namespace AkkaCompute.Remote.Endpoint;

/// <summary>
/// A lock-free multi-producer, single-consumer queue of frames whose consumer can park until a frame arrives
/// (producers never take a lock; the consumer allocates a wake-up only when it runs dry). Completing it lets the
/// consumer drain what is left and stop.
/// </summary>
internal sealed class FrameQueue
{
    private readonly ConcurrentQueue<OutboundFrame> _frames = new();
    private TaskCompletionSource? _waiter;
    private volatile bool _completed;

    /// <summary>True once <see cref="Complete"/> was called.</summary>
    public bool IsCompleted => _completed;

    /// <summary>Adds a frame and wakes a parked consumer.</summary>
    public void Enqueue(in OutboundFrame frame)
    {
        _frames.Enqueue(frame);
        Wake();
    }

    /// <summary>Takes the oldest frame, if any.</summary>
    public bool TryDequeue(out OutboundFrame frame) => _frames.TryDequeue(out frame);

    /// <summary>No more frames will be added; a parked consumer wakes.</summary>
    public void Complete()
    {
        _completed = true;
        Wake();
    }

    /// <summary>Waits until a frame is queued (true) or the queue is completed and empty (false).</summary>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    public async ValueTask<bool> WaitToReadAsync(CancellationToken ct)
    {
        while (true)
        {
            if (!_frames.IsEmpty)
            {
                return true;
            }

            if (_completed)
            {
                return false;
            }

            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _waiter, waiter);
            Interlocked.MemoryBarrier();
            if (!_frames.IsEmpty || _completed)
            {
                Interlocked.CompareExchange(ref _waiter, null, waiter);
                continue;
            }

            await waiter.Task.WaitAsync(ct).ConfigureAwait(false);
        }
    }

    private void Wake()
    {
        if (Volatile.Read(ref _waiter) is { } waiter && Interlocked.CompareExchange(ref _waiter, null, waiter) == waiter)
        {
            waiter.TrySetResult();
        }
    }
}
