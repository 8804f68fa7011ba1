using AkkaCompute.Compute.Execution.Limits.Cgroups;

namespace AkkaCompute.Compute.Tests.Execution.Limits.Cgroups;

/// <summary>An in-memory cgroupfs: files are strings, a created directory gets the interface files a v2 cgroup has, writes are recorded and may be refused.</summary>
internal sealed class FakeCgroupFiles : ICgroupFiles
{
    public Dictionary<string, string> Files { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Directories { get; } = new(StringComparer.Ordinal);

    public HashSet<string> ReadOnly { get; } = new(StringComparer.Ordinal);

    public HashSet<int> LiveProcesses { get; } = [];

    public List<(string Path, string Text)> Writes { get; } = [];

    /// <summary>Created cgroups lack <c>cgroup.kill</c>, as before Linux 5.14.</summary>
    public bool NoCgroupKill { get; set; }

    /// <summary>Called before each write; an exception it returns is thrown instead of writing.</summary>
    public Func<string, string, Exception?> Refuse { get; set; } = (_, _) => null;

    /// <summary>A cgroup directory with the files every v2 cgroup has (and <c>memory.*</c> when <paramref name="memory"/>).</summary>
    public void AddCgroup(string path, string controllers = "", string subtreeControl = "", bool memory = false)
    {
        Directories.Add(path);
        Files[path + "/cgroup.controllers"] = controllers;
        Files[path + "/cgroup.subtree_control"] = subtreeControl;
        Files[path + "/cgroup.procs"] = string.Empty;
        Files[path + "/cgroup.kill"] = string.Empty;
        Files[path + "/cgroup.events"] = "populated 0\nfrozen 0\n";
        Files[path + "/cpu.stat"] = "usage_usec 0\nuser_usec 0\nsystem_usec 0\n";
        if (memory)
        {
            Files[path + "/memory.max"] = "max";
            Files[path + "/memory.swap.max"] = "max";
            Files[path + "/memory.oom.group"] = "0";
            Files[path + "/memory.events"] = "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\n";
        }
    }

    public string? Read(string path) => Files.GetValueOrDefault(path);

    public void Write(string path, string text)
    {
        if (Refuse(path, text) is { } error)
            throw error;
        if (!Files.ContainsKey(path))
            throw new FileNotFoundException(path);
        Writes.Add((path, text));
        if (path.EndsWith("/cgroup.subtree_control", StringComparison.Ordinal))
            Files[path] = (Files[path] + " " + text.TrimStart('+')).Trim();
        else
            Files[path] = text;
    }

    public bool Exists(string path) => Files.ContainsKey(path) || Directories.Contains(path);

    public bool Writable(string directory) => Directories.Contains(directory) && !ReadOnly.Contains(directory);

    public void CreateDirectory(string path)
    {
        var parent = path[..path.LastIndexOf('/')];
        var memory = Files.GetValueOrDefault(parent + "/cgroup.subtree_control")?.Split(' ').Contains("memory") == true;
        AddCgroup(path, memory: memory);
        if (NoCgroupKill)
            Files.Remove(path + "/cgroup.kill");
    }

    public bool TryRemoveDirectory(string path)
    {
        if (!Directories.Remove(path))
            return false;
        foreach (var file in Files.Keys.Where(f => f.StartsWith(path + "/", StringComparison.Ordinal)).ToList())
            Files.Remove(file);
        return true;
    }

    public IReadOnlyList<string> Subdirectories(string directory) =>
        Directories.Where(d => d.StartsWith(directory + "/", StringComparison.Ordinal) && !d[(directory.Length + 1)..].Contains('/'))
            .Select(d => d[(directory.Length + 1)..]).ToList();

    public bool ProcessExists(int pid) => LiveProcesses.Contains(pid);
}
