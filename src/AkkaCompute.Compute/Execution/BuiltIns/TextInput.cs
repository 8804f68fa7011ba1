using System.Buffers;
using System.Text;

namespace AkkaCompute.Compute.Execution;

/// <summary>
/// The "file or text" input of <c>sha256</c> and <c>word-count</c>: opens one of them as a stream
/// and feeds it to a consumer in chunks, without loading a file whole. Only regular files are read
/// (<see cref="RegularFile"/>): a FIFO, device or socket could block or never end.
/// </summary>
internal static class TextInput
{
    /// <summary>Bytes read per chunk.</summary>
    private const int ChunkBytes = 64 * 1024;

    /// <summary>
    /// Streams the file (resolved against the context's working directory) or the UTF-8 bytes of
    /// the text to <paramref name="consume"/>, reporting progress for files.
    /// </summary>
    /// <returns>The resolved file path, or null for text.</returns>
    /// <exception cref="ArgumentException">Both or neither of <paramref name="file"/> and <paramref name="text"/> were given.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist (or is a directory).</exception>
    /// <exception cref="ArgumentException">The file is not a regular file (a FIFO, a device, a socket): refused before it is read.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the open or between chunks (each chunk is an asynchronous, cancellable read).</exception>
    public static async Task<string?> ReadAsync(
        string function, string? file, string? text, FunctionContext context, Action<ReadOnlySpan<byte>> consume, CancellationToken cancellationToken)
    {
        if ((file is null) == (text is null))
        {
            throw new ArgumentException($"{function}: give exactly one of 'file' or 'text' (given {(file is null ? "neither" : "both")})");
        }

        if (text is not null)
        {
            consume(Encoding.UTF8.GetBytes(text));
            return null;
        }

        var path = context.ResolvePath(file!);
        cancellationToken.ThrowIfCancellationRequested();
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            using var handle = RegularFile.OpenForRead(function, file!, path);
            var length = RandomAccess.GetLength(handle);
            long done = 0;
            int read;
            while ((read = await RandomAccess.ReadAsync(handle, buffer.AsMemory(0, ChunkBytes), done, cancellationToken).ConfigureAwait(false)) > 0)
            {
                consume(buffer.AsSpan(0, read));
                done += read;
                if (context.Progress is { } progress && length > 0)
                {
                    progress(Math.Min(1.0, (double)done / length));
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return path;
    }
}
