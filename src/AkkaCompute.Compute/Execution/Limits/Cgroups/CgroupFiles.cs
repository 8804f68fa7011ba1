using System.Runtime.InteropServices;

namespace AkkaCompute.Compute.Execution.Limits.Cgroups;

/// <summary>The machine's files, for <see cref="CgroupTree"/> and <see cref="CgroupScope"/>.</summary>
internal sealed class CgroupFiles : ICgroupFiles
{
    private CgroupFiles()
    {
    }

    /// <summary>The one instance.</summary>
    public static CgroupFiles Real { get; } = new();

    /// <inheritdoc />
    public string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public void Write(string path, string text)
    {
        // FileMode.Open: cgroupfs files exist and must not be created or truncated by us; one write call, as echo does.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
        var bytes = System.Text.Encoding.ASCII.GetBytes(text);
        stream.Write(bytes, 0, bytes.Length);
    }

    /// <inheritdoc />
    public bool Exists(string path) => File.Exists(path) || Directory.Exists(path);

    /// <inheritdoc />
    public bool Writable(string directory)
    {
        const int W_OK = 2;
        return NativeMethods.access(directory, W_OK) == 0;
    }

    /// <inheritdoc />
    public void CreateDirectory(string path) => Directory.CreateDirectory(path);

    /// <inheritdoc />
    public bool TryRemoveDirectory(string path)
    {
        try
        {
            Directory.Delete(path, recursive: false); // rmdir(2): a cgroup's interface files do not count, its processes do
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Subdirectories(string directory)
    {
        try
        {
            return Directory.EnumerateDirectories(directory).Select(d => Path.GetFileName(d)).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <inheritdoc />
    public bool ProcessExists(int pid) => Directory.Exists($"/proc/{pid}");

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        public static extern int access([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int mode);
    }
}
