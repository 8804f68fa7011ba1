namespace AkkaCompute.Compute.Execution.Limits.Cgroups;

/// <summary>
/// The few file operations the cgroup v2 code needs (cgroupfs is driven by reading and writing small text files and
/// creating and removing directories), behind an interface so that the decisions built on them are tested against
/// a stand-in directory tree. <see cref="CgroupFiles.Real"/> is the machine's.
/// </summary>
internal interface ICgroupFiles
{
    /// <summary>The whole text of <paramref name="path"/>, or null when it does not exist or cannot be read.</summary>
    string? Read(string path);

    /// <summary>Writes <paramref name="text"/> to the existing file <paramref name="path"/> (one write, as <c>echo TEXT &gt; PATH</c> does).</summary>
    /// <exception cref="IOException">The kernel refused the write (e.g. EBUSY, EINVAL); the message says why.</exception>
    /// <exception cref="UnauthorizedAccessException">No permission.</exception>
    void Write(string path, string text);

    /// <summary>True when <paramref name="path"/> exists (file or directory).</summary>
    bool Exists(string path);

    /// <summary>True when the calling process may create entries in the directory <paramref name="directory"/>.</summary>
    bool Writable(string directory);

    /// <summary>Creates the directory <paramref name="path"/> (a new cgroup).</summary>
    /// <exception cref="IOException">It could not be created.</exception>
    /// <exception cref="UnauthorizedAccessException">No permission.</exception>
    void CreateDirectory(string path);

    /// <summary>Removes the empty directory <paramref name="path"/> (a cgroup without processes); false when it could not.</summary>
    bool TryRemoveDirectory(string path);

    /// <summary>The names of the subdirectories of <paramref name="directory"/> (child cgroups); empty when it cannot be read.</summary>
    IReadOnlyList<string> Subdirectories(string directory);

    /// <summary>True when a process with this pid exists.</summary>
    bool ProcessExists(int pid);
}
