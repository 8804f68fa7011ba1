using System.Globalization;

namespace AkkaCompute.Hosting.Node;

/// <summary>
/// An exclusive, OS-level lock on a node's data directory: the file <see cref="LockFileName"/> in it is held open with
/// <see cref="FileShare.None"/> (an exclusive <c>flock</c> on Unix, a sharing-mode lock on Windows) for as long as the lock lives.
/// A second acquire, from this process or another one, is refused at once with <see cref="DataDirectoryInUseException"/>.
/// The operating system releases the lock when the holder disposes it or its process dies (even by SIGKILL), so a
/// crashed node never leaves the directory locked. Read-only tools (<c>akc status</c>, <c>akc history</c>) do not take it.
/// </summary>
public sealed class DataDirectoryLock : IDisposable
{
    /// <summary>The lock file's name inside the data directory: <c>akc.lock</c>. Its content is irrelevant; it is left in place.</summary>
    public const string LockFileName = "akc.lock";

    /// <summary>
    /// The file, next to the lock file, where the holder records its process id (<c>akc.lock.pid</c>) for the error message of a
    /// refused acquire. Informational only: the lock itself is the <see cref="LockFileName"/> handle.
    /// </summary>
    public const string OwnerFileName = "akc.lock.pid";

    private readonly FileStream _handle;

    private DataDirectoryLock(string directory, FileStream handle)
    {
        Directory = directory;
        _handle = handle;
    }

    /// <summary>The locked directory's full path.</summary>
    public string Directory { get; }

    /// <summary>
    /// Creates <paramref name="directory"/> when missing and locks it.
    /// </summary>
    /// <param name="directory">The data directory; relative paths are relative to the working directory.</param>
    /// <returns>The held lock; dispose it to release.</returns>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is empty.</exception>
    /// <exception cref="DataDirectoryInUseException">Another holder, in this process or another, has the lock.</exception>
    /// <exception cref="IOException">The directory or the lock file cannot be created (read-only, not a directory, ...).</exception>
    /// <exception cref="UnauthorizedAccessException">The lock file cannot be opened for writing.</exception>
    public static DataDirectoryLock Acquire(string directory) => Acquire(directory, LockFileName, isDatabaseDirectory: false);

    /// <summary>
    /// Locks the file <paramref name="lockFileName"/> in <paramref name="directory"/> (the holder's pid goes to the same name
    /// plus <c>.pid</c>); a refusal names the directory as a database directory when <paramref name="isDatabaseDirectory"/>.
    /// </summary>
    internal static DataDirectoryLock Acquire(string directory, string lockFileName, bool isDatabaseDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var full = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(full);
        var lockPath = Path.Combine(full, lockFileName);
        var ownerPath = lockPath + ".pid";
        FileStream handle;
        try
        {
            handle = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (IsLockConflict(e))
        {
            throw new DataDirectoryInUseException(full, ReadOwner(ownerPath), e, isDatabaseDirectory);
        }

        RecordOwner(ownerPath);
        return new DataDirectoryLock(full, handle);
    }

    /// <summary>Releases the lock (idempotent). The lock and pid files stay; the next holder reuses them.</summary>
    public void Dispose() => _handle.Dispose();

    /// <summary>
    /// True for the error of a lock another handle holds: on Unix .NET reports flock's EWOULDBLOCK as its raw errno (11 on Linux,
    /// 35 on macOS and the BSDs); on Windows it is a sharing or lock violation (HRESULT 0x80070020 or 0x80070021). Any other
    /// I/O error (disk, permissions) is not a conflict and propagates as it is.
    /// </summary>
    private static bool IsLockConflict(IOException e) =>
        e.GetType() == typeof(IOException) &&
        (OperatingSystem.IsWindows()
            ? e.HResult is unchecked((int)0x80070020) or unchecked((int)0x80070021)
            : e.HResult == (OperatingSystem.IsLinux() ? 11 : 35));

    private static void RecordOwner(string ownerPath)
    {
        try
        {
            File.WriteAllText(ownerPath, Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only the error message of a refused acquire uses it: the lock itself is held.
        }
    }

    private static int? ReadOwner(string ownerPath)
    {
        try
        {
            return int.TryParse(File.ReadAllText(ownerPath).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
