using System.Diagnostics;
using System.Globalization;

namespace AkkaCompute.Compute.Execution.Limits.Cgroups;

/// <summary>
/// One task's cgroup v2 cgroup (<see cref="CgroupTree.CreateScope"/>): the shell enters it before its first instruction
/// (<see cref="ProcsFile"/>, see <see cref="ShellCommandLine"/>), so every process it starts is counted, metered and
/// killed with it. Reads are cheap (a small file each); thread-safe.
/// </summary>
internal sealed class CgroupScope
{
    private static readonly TimeSpan EmptyPoll = TimeSpan.FromMilliseconds(5);
    private readonly ICgroupFiles _files;

    internal CgroupScope(ICgroupFiles files, string path, bool enforcesMemory)
    {
        _files = files;
        Path = path;
        EnforcesMemory = enforcesMemory;
    }

    /// <summary>The cgroup's directory.</summary>
    public string Path { get; }

    /// <summary>The file a process writes its pid to in order to enter the cgroup.</summary>
    public string ProcsFile => Path + "/cgroup.procs";

    /// <summary>True when the task's memory limit is this cgroup's <c>memory.max</c> (not RLIMIT_AS).</summary>
    public bool EnforcesMemory { get; }

    /// <summary>CPU time used so far by every process that ever ran in the cgroup (<c>cpu.stat</c> <c>usage_usec</c>); zero when unreadable.</summary>
    public TimeSpan CpuUsed() => TimeSpan.FromMicroseconds(Field(_files.Read(Path + "/cpu.stat"), "usage_usec"));

    /// <summary>Processes in the cgroup now (lines of <c>cgroup.procs</c>; threads are not counted, zombies are not listed).</summary>
    public int ProcessCount()
    {
        var text = _files.Read(ProcsFile);
        return text is null ? 0 : text.AsSpan().Count('\n') + (text.Length > 0 && text[^1] != '\n' ? 1 : 0);
    }

    /// <summary>Processes the kernel's OOM killer ended in the cgroup (<c>memory.events</c> <c>oom_kill</c>); 0 without the memory controller.</summary>
    public long OomKills() => EnforcesMemory ? Field(_files.Read(Path + "/memory.events"), "oom_kill") : 0;

    /// <summary>Kills every process in the cgroup at once (<c>cgroup.kill</c>, SIGKILL); does nothing when the cgroup is gone.</summary>
    public void Kill()
    {
        try
        {
            _files.Write(Path + "/cgroup.kill", "1");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Gone already.
        }
    }

    /// <summary>
    /// Kills what is left (when <paramref name="kill"/>), waits up to <paramref name="wait"/> for the cgroup to empty
    /// (<c>cgroup.events</c> <c>populated 0</c>) and removes it. A cgroup still populated then (its processes were kept,
    /// or are stuck in the kernel) is left; the next node to start in the same place removes it once empty.
    /// </summary>
    /// <param name="kill">Kill the processes still in it.</param>
    /// <param name="wait">The longest wait for it to empty.</param>
    /// <returns>True when the cgroup was removed.</returns>
    public async Task<bool> ReleaseAsync(bool kill, TimeSpan wait)
    {
        if (kill)
            Kill();
        var waited = Stopwatch.StartNew();
        while (Field(_files.Read(Path + "/cgroup.events"), "populated") != 0 && waited.Elapsed < wait)
            await Task.Delay(EmptyPoll).ConfigureAwait(false);
        return _files.TryRemoveDirectory(Path);
    }

    /// <summary>The value of the <c>KEY VALUE</c> line named <paramref name="key"/> in a flat-keyed cgroup file; 0 when absent.</summary>
    internal static long Field(string? text, string key)
    {
        if (text is null)
            return 0;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space == key.Length && line.StartsWith(key, StringComparison.Ordinal)
                && long.TryParse(line.AsSpan(space + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                return value;
        }

        return 0;
    }
}
