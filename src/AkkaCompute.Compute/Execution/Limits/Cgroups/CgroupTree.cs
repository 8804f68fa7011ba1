using System.Globalization;
using System.Text.RegularExpressions;

namespace AkkaCompute.Compute.Execution.Limits.Cgroups;

/// <summary>
/// The node's cgroup v2 directory, under which each shell task with limits gets a cgroup of its own
/// (<see cref="CreateScope"/>). Found once per process (<see cref="Current"/>): the cgroup2 mount and the node's own
/// cgroup from <c>/proc/self</c>; usable when the node may create cgroups there (root, or a tree delegated to it, as
/// systemd's <c>Delegate=yes</c> does) and the kernel has <c>cgroup.kill</c> (Linux 5.14+).
/// </summary>
/// <remarks>
/// <para>What a task's cgroup gives, whatever controllers are available: its CPU time summed over all its processes
/// (<c>cpu.stat</c>, kept by every cgroup v2 cgroup), its processes counted wherever they went (<c>cgroup.procs</c>,
/// which <c>setsid</c> or double forking do not leave) and all of them killed at once (<c>cgroup.kill</c>).</para>
/// <para>With the memory controller enabled for the node's children, a memory limit is <c>memory.max</c> (resident
/// memory, with <c>memory.swap.max = 0</c> and <c>memory.oom.group = 1</c>) instead of RLIMIT_AS, and an OOM kill in
/// the cgroup names the limit for sure. The controller can only be enabled for children of a cgroup without processes
/// (cgroup v2's "no internal processes" rule, <c>Documentation/admin-guide/cgroup-v2.rst</c>): when the node's own
/// cgroup has processes, the node first moves itself into a leaf <c>akc-node-PID</c>, as systemd's delegation
/// documentation prescribes, provided no other process shares that cgroup. On a hybrid host (cgroup v1 controllers, v2
/// mounted at <c>/sys/fs/cgroup/unified</c>) the memory controller is bound to v1 and memory limits stay RLIMIT_AS.</para>
/// <para>Task cgroups are named <c>akc-PID-N</c> (node pid, sequence) beside the node; those of a node that died are
/// removed when a node next starts there, if empty.</para>
/// </remarks>
internal sealed partial class CgroupTree
{
    private static readonly Lazy<(CgroupTree? Tree, string? Reason)> Machine = new(() =>
        Probe(CgroupFiles.Real, CgroupFiles.Real.Read("/proc/self/mountinfo"), CgroupFiles.Real.Read("/proc/self/cgroup"), Environment.ProcessId));

    private readonly ICgroupFiles _files;
    private readonly int _pid;
    private long _sequence;

    private CgroupTree(ICgroupFiles files, string directory, bool memory, string? memoryNote, int pid)
    {
        _files = files;
        Directory = directory;
        Memory = memory;
        MemoryNote = memoryNote;
        _pid = pid;
    }

    /// <summary>This machine's tree for this process, or null when per-task cgroups cannot be made here (<see cref="UnavailableReason"/> says why).</summary>
    public static CgroupTree? Current => Machine.Value.Tree;

    /// <summary>Why <see cref="Current"/> is null, e.g. <c>no cgroup v2 hierarchy is mounted</c>; null when it is not.</summary>
    public static string? UnavailableReason => Machine.Value.Reason;

    /// <summary>The directory task cgroups are created in, e.g. <c>/sys/fs/cgroup/system.slice/akc-node.service</c>.</summary>
    public string Directory { get; }

    /// <summary>True when the memory controller is enabled for task cgroups (a memory limit is then <c>memory.max</c>).</summary>
    public bool Memory { get; }

    /// <summary>Why <see cref="Memory"/> is false, e.g. <c>the memory controller is not available to /sys/fs/cgroup/unified ...</c>; null when it is true.</summary>
    public string? MemoryNote { get; }

    /// <summary>Finds and prepares the tree: the node's cgroup directory, the memory controller for its children, stale task cgroups removed.</summary>
    /// <param name="files">The files.</param>
    /// <param name="mountinfo">The text of <c>/proc/self/mountinfo</c>; null when unreadable.</param>
    /// <param name="selfCgroup">The text of <c>/proc/self/cgroup</c>; null when unreadable.</param>
    /// <param name="pid">This process's pid.</param>
    /// <returns>The tree, or null and the reason it cannot be used.</returns>
    public static (CgroupTree? Tree, string? Reason) Probe(ICgroupFiles files, string? mountinfo, string? selfCgroup, int pid)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (mountinfo is null || selfCgroup is null)
            return (null, "cannot read /proc/self/mountinfo and /proc/self/cgroup (not Linux?)");
        var mounts = CgroupPaths.Cgroup2Mounts(mountinfo);
        if (mounts.Count == 0)
            return (null, "no cgroup v2 hierarchy is mounted");
        if (CgroupPaths.OwnCgroup(selfCgroup) is not { } own)
            return (null, "the node is in no cgroup v2 cgroup (/proc/self/cgroup has no 0:: line)");
        if (CgroupPaths.Directory(mounts, own) is not { } directory)
            return (null, $"the node's cgroup {own} is below no cgroup2 mount");
        if (!files.Writable(directory))
            return (null, $"the node's cgroup {directory} is not writable by the node (not delegated to it; under systemd: Delegate=yes)");
        if (ProbeChild(files, directory, pid) is { } problem)
            return (null, problem);

        var (memory, note) = EnableMemory(files, directory, pid);
        var tree = new CgroupTree(files, directory, memory, note, pid);
        tree.RemoveStale();
        return (tree, null);
    }

    /// <summary>Creates a cgroup for one task, with <c>memory.max</c> set when <see cref="Memory"/> and the limits have a memory limit.</summary>
    /// <param name="limits">The task's limits.</param>
    /// <returns>The task's cgroup; the caller releases it (<see cref="CgroupScope.ReleaseAsync"/>).</returns>
    /// <exception cref="IOException">The cgroup could not be created or set up (e.g. <c>cgroup.max.descendants</c> reached).</exception>
    /// <exception cref="UnauthorizedAccessException">No permission.</exception>
    public CgroupScope CreateScope(TaskLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var path = string.Create(CultureInfo.InvariantCulture, $"{Directory}/akc-{_pid}-{Interlocked.Increment(ref _sequence)}");
        _files.CreateDirectory(path);
        try
        {
            var memory = Memory && limits.MemoryBytes is not null;
            if (memory)
            {
                _files.Write(path + "/memory.max", limits.MemoryBytes!.Value.ToString(CultureInfo.InvariantCulture));
                if (_files.Exists(path + "/memory.swap.max"))
                    _files.Write(path + "/memory.swap.max", "0");
                if (_files.Exists(path + "/memory.oom.group"))
                    _files.Write(path + "/memory.oom.group", "1");
            }

            return new CgroupScope(_files, path, memory);
        }
        catch
        {
            _files.TryRemoveDirectory(path);
            throw;
        }
    }

    /// <summary>One line for the node's startup log and <c>akc node stats</c>.</summary>
    /// <returns>E.g. <c>a cgroup per task with limits under /sys/fs/cgroup/unified (cpu summed over the task's processes, processes counted in it, leftovers killed with cgroup.kill; memory: RLIMIT_AS, ...)</c>.</returns>
    public string Describe() =>
        $"a cgroup per task with limits under {Directory} (cpu summed over the task's processes, processes counted in it, leftovers killed with cgroup.kill; "
        + (Memory ? "memory: memory.max)" : $"memory: RLIMIT_AS, as {MemoryNote})");

    /// <summary>Creates and removes a child cgroup: null when that works and the child has <c>cgroup.kill</c> (the root cgroup itself never has one).</summary>
    private static string? ProbeChild(ICgroupFiles files, string directory, int pid)
    {
        var probe = string.Create(CultureInfo.InvariantCulture, $"{directory}/akc-{pid}-0");
        try
        {
            files.CreateDirectory(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"the node cannot create cgroups in {directory}: {e.Message}";
        }

        var kill = files.Exists(probe + "/cgroup.kill");
        files.TryRemoveDirectory(probe);
        return kill ? null : $"cgroups in {directory} have no cgroup.kill (Linux 5.14 or later is needed)";
    }

    private static (bool Enabled, string? Note) EnableMemory(ICgroupFiles files, string directory, int pid)
    {
        const string Memory = "memory";
        if (!Words(files.Read(directory + "/cgroup.controllers")).Contains(Memory))
            return (false, $"the memory controller is not available to {directory} (on a host with cgroup v1 controllers it is bound to v1)");
        if (Words(files.Read(directory + "/cgroup.subtree_control")).Contains(Memory))
            return (true, null);
        if (TryEnable(files, directory, out var error))
            return (true, null);

        // "No internal processes": move the node into a leaf of its own, then the parent may enable the controller; only
        // when the node is alone there (a service's cgroup), never out of a cgroup it shares (a terminal's session scope).
        var others = Words(files.Read(directory + "/cgroup.procs")).Where(p => p != pid.ToString(CultureInfo.InvariantCulture)).ToList();
        if (others.Count > 0)
            return (false, $"the memory controller could not be enabled for {directory}'s children ({error}): other processes share the node's cgroup ({others.Count}, e.g. pid {others[0]})");
        var leaf = string.Create(CultureInfo.InvariantCulture, $"{directory}/akc-node-{pid}");
        try
        {
            if (!files.Exists(leaf))
                files.CreateDirectory(leaf);
            files.Write(leaf + "/cgroup.procs", pid.ToString(CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (false, $"the memory controller could not be enabled for {directory}'s children ({error}) and the node could not move into {leaf} ({e.Message})");
        }

        return TryEnable(files, directory, out var again)
            ? (true, null)
            : (false, $"the memory controller could not be enabled for {directory}'s children, even with the node moved into {leaf}: {again}");
    }

    private static bool TryEnable(ICgroupFiles files, string directory, out string? error)
    {
        try
        {
            files.Write(directory + "/cgroup.subtree_control", "+memory");
            error = null;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = e.Message;
            return false;
        }
    }

    /// <summary>Removes the empty task cgroups and node leaves of nodes that are no longer running.</summary>
    private void RemoveStale()
    {
        foreach (var name in _files.Subdirectories(Directory))
        {
            var match = OursPattern().Match(name);
            if (match.Success && int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var owner)
                && owner != _pid && !_files.ProcessExists(owner))
            {
                _files.TryRemoveDirectory(Directory + "/" + name);
            }
        }
    }

    private static HashSet<string> Words(string? text) =>
        new((text ?? string.Empty).Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);

    [GeneratedRegex(@"^akc-(?:node-)?(\d+)(?:-\d+)?$")]
    private static partial Regex OursPattern();
}
