namespace AkkaCompute.Hosting.Node;

/// <summary>
/// Thrown by <see cref="DataDirectoryLock.Acquire(string)"/> (and so by <see cref="ComputeNode.StartAsync"/>) when another node, in this
/// process or another one, holds the data directory's lock. Nothing was changed in the directory.
/// </summary>
public sealed class DataDirectoryInUseException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="directory">The data directory's full path.</param>
    /// <param name="ownerProcessId">The holder's process id as it recorded it, or null when unknown.</param>
    /// <param name="inner">The error of the refused lock.</param>
    /// <param name="isDatabaseDirectory">True when the directory is the one of a database outside the data directory (<c>--db</c>); default false.</param>
    public DataDirectoryInUseException(string directory, int? ownerProcessId, Exception? inner, bool isDatabaseDirectory = false)
        : base(FormatMessage(directory, ownerProcessId, isDatabaseDirectory), inner)
    {
        Directory = directory;
        OwnerProcessId = ownerProcessId;
        IsDatabaseDirectory = isDatabaseDirectory;
    }

    /// <summary>True when the locked directory holds the node's database (<c>--db</c>) rather than being its data directory.</summary>
    public bool IsDatabaseDirectory { get; }

    /// <summary>The data directory's full path.</summary>
    public string Directory { get; }

    /// <summary>The process id the holder recorded in <see cref="DataDirectoryLock.OwnerFileName"/>, or null when it could not be read.</summary>
    public int? OwnerProcessId { get; }

    private static string FormatMessage(string directory, int? pid, bool isDatabaseDirectory) =>
        $"{(isDatabaseDirectory ? "database directory" : "data directory")} {directory} is in use by another akc process{(pid is { } p ? $" (pid {p})" : string.Empty)}; " +
        $"wait for it to finish or stop it, or use another {(isDatabaseDirectory ? "--db" : "--data-dir")}";
}
