using System.Text;

namespace AkkaCompute.Compute.Execution;

/// <summary>
/// Reads a child's output pipe to its end, keeping the first <c>limit</c> bytes and counting (then
/// discarding) the rest, so a chatty command never blocks on a full pipe nor fills memory.
/// Thread-safe: a snapshot may be taken while the reader still runs. With a progress receiver, every byte read (kept or
/// not) is also scanned for <see cref="ProgressLine"/>s.
/// </summary>
internal sealed class OutputCapture
{
    private const int ChunkBytes = 16 * 1024;
    private readonly Lock _lock = new();
    private readonly int _limit;
    private readonly MemoryStream _kept = new();
    private long _total;

    private readonly ProgressLineScanner? _progress;

    public OutputCapture(int limit, IProgress<double>? progress = null)
    {
        _limit = limit;
        _progress = progress is null ? null : new ProgressLineScanner(progress.Report);
    }

    /// <summary>Reads <paramref name="stream"/> until it ends or fails (a failure ends the capture quietly: the pipe was closed on us).</summary>
    public async Task ReadToEndAsync(Stream stream)
    {
        var buffer = new byte[ChunkBytes];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                lock (_lock)
                {
                    var keep = (int)Math.Min(read, Math.Max(0, _limit - _kept.Length));
                    _kept.Write(buffer, 0, keep);
                    _total += read;
                }

                _progress?.Feed(buffer.AsSpan(0, read));
            }

            _progress?.Complete();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The pipe was closed while we were reading it (abandoned after the grace period).
        }
    }

    /// <summary>The kept text (UTF-8), whether bytes were discarded, and the total byte count.</summary>
    public (string Text, bool Truncated, long TotalBytes) Snapshot()
    {
        lock (_lock)
        {
            var text = Encoding.UTF8.GetString(_kept.GetBuffer(), 0, (int)_kept.Length);
            return (text, _total > _kept.Length, _total);
        }
    }
}
