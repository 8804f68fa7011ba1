using System.Security.Cryptography;
using System.Text;

namespace AkkaCompute.Compute.Execution;

/// <summary>
/// The fingerprint of a task's declared input files (<see cref="TaskInputFiles"/>): 64 lowercase hex digits of SHA-256 over
/// one line per distinct absolute path, sorted ordinally, <c>PATH NUL STATE LF</c> in UTF-8, where STATE is the file's
/// content SHA-256 (64 hex digits; symbolic links followed), <c>missing</c> (it does not exist or is a directory),
/// <c>not-regular</c> (a FIFO, device or socket: never opened, so it cannot block) or <c>unreadable</c> (it could not be
/// read, e.g. permission denied). Content, not size and modification time: a file rewritten with the same size within
/// the file system's timestamp granularity, or with its time set back, still changes the fingerprint; the price is that
/// each declared input is read once when its task is queued and once more when a task that succeeded is resubmitted.
/// </summary>
/// <remarks>
/// The node computes it when a task is queued (before it runs), mixes it into the cache key
/// (<see cref="CacheKey.WithInputs"/>) and records it with the task's success (<see cref="Tasks.TaskResult.InputFingerprint"/>);
/// a resubmitted task that succeeded runs again when its fingerprint now differs from the recorded one.
/// </remarks>
public static class InputFingerprint
{
    /// <summary>Most files in one fingerprint: 10,000 (as <see cref="CacheKey.InputsMax"/>).</summary>
    public const int FilesMax = CacheKey.InputsMax;

    private const int ChunkBytes = 64 * 1024;

    /// <summary>The fingerprint of <paramref name="files"/>, or null when there are none.</summary>
    /// <param name="files">Absolute paths (duplicates count once; order does not matter).</param>
    /// <returns>64 lowercase hex digits, or null for no files.</returns>
    /// <exception cref="ArgumentException">A path is not absolute, or there are more than <see cref="FilesMax"/> distinct paths.</exception>
    public static string? Of(IEnumerable<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var paths = files.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (paths.Count == 0)
        {
            return null;
        }

        if (paths.Count > FilesMax)
        {
            throw new ArgumentException($"{paths.Count} input files; the limit is {FilesMax}", nameof(files));
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var path in paths)
        {
            if (!Path.IsPathFullyQualified(path))
            {
                throw new ArgumentException($"input file '{path}' is not an absolute path", nameof(files));
            }

            hash.AppendData(Encoding.UTF8.GetBytes($"{path}\0{StateOf(path)}\n"));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>One file's state as hashed into the fingerprint: its content SHA-256, <c>missing</c>, <c>not-regular</c> or <c>unreadable</c>.</summary>
    /// <param name="path">An absolute path.</param>
    public static string StateOf(string path)
    {
        try
        {
            using var handle = RegularFile.OpenForRead("inputs", path, path);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[ChunkBytes];
            long offset = 0;
            int read;
            while ((read = RandomAccess.Read(handle, buffer, offset)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                offset += read;
            }

            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }
        catch (FileNotFoundException)
        {
            return "missing";
        }
        catch (DirectoryNotFoundException)
        {
            return "missing";
        }
        catch (ArgumentException)
        {
            return "not-regular";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "unreadable";
        }
    }
}
