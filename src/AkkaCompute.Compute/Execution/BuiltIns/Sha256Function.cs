using System.Security.Cryptography;

namespace AkkaCompute.Compute.Execution;

/// <summary>The built-in <c>sha256</c>: hash, size and line count of a file or a text.</summary>
public static class Sha256Function
{
    /// <summary>
    /// Computes the SHA-256, byte count and line count of <paramref name="file"/> (streamed, never
    /// loaded whole) or of the UTF-8 bytes of <paramref name="text"/>. Give exactly one.
    /// </summary>
    /// <param name="context">Resolves a relative <paramref name="file"/> against its working directory.</param>
    /// <param name="cancellationToken">Cancels the asynchronous read of each 64 KiB chunk.</param>
    /// <param name="file">A file path.</param>
    /// <param name="text">A text, hashed as UTF-8.</param>
    /// <exception cref="ArgumentException">Both or neither of <paramref name="file"/> and <paramref name="text"/> were given.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist, or is a directory.</exception>
    /// <exception cref="ArgumentException">The file is not a regular file (a FIFO, a device, a socket): refused without reading it.</exception>
    [ComputeFunction("sha256", Description = "SHA-256, bytes and lines of a 'file' or a 'text' (matches sha256sum and wc)")]
    public static async Task<Sha256Result> Sha256(FunctionContext context, CancellationToken cancellationToken, [InputFile] string? file = null, string? text = null)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long bytes = 0;
        long lines = 0;
        await TextInput.ReadAsync("sha256", file, text, context, chunk =>
        {
            hash.AppendData(chunk);
            bytes += chunk.Length;
            lines += chunk.Count((byte)'\n');
        }, cancellationToken).ConfigureAwait(false);
        return new Sha256Result(Convert.ToHexStringLower(hash.GetHashAndReset()), bytes, lines, file);
    }
}
