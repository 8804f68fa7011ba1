using AkkaCompute.Compute.Execution.Limits;
using AkkaCompute.Compute.Execution.Limits.Cgroups;

namespace AkkaCompute.Compute.Tests.Execution.Limits.Cgroups;

/// <summary>Deciding whether and how per-task cgroups are made, against a stand-in cgroupfs.</summary>
public sealed class CgroupTreeTests
{
    private const int Pid = 4242;
    private const string Node = "/sys/fs/cgroup/system.slice/akc.service";
    private const string Mountinfo = "26 25 0:24 / /sys/fs/cgroup rw,relatime shared:10 - cgroup2 cgroup2 rw\n";
    private const string SelfCgroup = "0::/system.slice/akc.service\n";

    private static (CgroupTree? Tree, string? Reason) Probe(FakeCgroupFiles files) => CgroupTree.Probe(files, Mountinfo, SelfCgroup, Pid);

    [Fact]
    public void Without_a_cgroup2_mount_there_are_no_task_cgroups()
    {
        var (tree, reason) = CgroupTree.Probe(new FakeCgroupFiles(), "27 25 0:25 / /sys/fs/cgroup/memory rw - cgroup cgroup rw\n", SelfCgroup, Pid);
        Assert.Null(tree);
        Assert.Equal("no cgroup v2 hierarchy is mounted", reason);
    }

    [Fact]
    public void A_cgroup_not_delegated_to_the_node_is_named_with_the_systemd_setting_that_would_delegate_it()
    {
        var files = new FakeCgroupFiles();
        files.AddCgroup(Node);
        files.ReadOnly.Add(Node);
        var (tree, reason) = Probe(files);
        Assert.Null(tree);
        Assert.Equal($"the node's cgroup {Node} is not writable by the node (not delegated to it; under systemd: Delegate=yes)", reason);
    }

    [Fact]
    public void A_kernel_without_cgroup_kill_is_named()
    {
        var files = new FakeCgroupFiles();
        files.AddCgroup(Node);
        files.NoCgroupKill = true;
        Assert.Equal($"cgroups in {Node} have no cgroup.kill (Linux 5.14 or later is needed)", Probe(files).Reason);
        Assert.Equal([], files.Subdirectories(Node)); // the probe cgroup is gone
    }

    [Fact]
    public void Without_the_memory_controller_the_tree_is_used_and_memory_stays_an_rlimit()
    {
        var files = new FakeCgroupFiles();
        files.AddCgroup(Node, controllers: "hugetlb");
        var tree = Probe(files).Tree!;
        Assert.False(tree.Memory);
        Assert.Contains("the memory controller is not available to " + Node, tree.MemoryNote, StringComparison.Ordinal);

        var scope = tree.CreateScope(new TaskLimits { MemoryBytes = 64L << 20 });
        Assert.False(scope.EnforcesMemory);
        Assert.DoesNotContain(files.Writes, w => w.Path.StartsWith(scope.Path, StringComparison.Ordinal));
        Assert.Equal($"{Node}/akc-{Pid}-1", scope.Path);
    }

    [Fact]
    public void The_memory_controller_is_enabled_for_the_children_and_a_memory_limit_becomes_memory_max()
    {
        var files = new FakeCgroupFiles();
        files.AddCgroup(Node, controllers: "cpu memory pids");
        var tree = Probe(files).Tree!;
        Assert.True(tree.Memory);
        Assert.Contains((Node + "/cgroup.subtree_control", "+memory"), files.Writes);

        var scope = tree.CreateScope(new TaskLimits { MemoryBytes = 64L << 20, Cpu = TimeSpan.FromSeconds(2) });
        Assert.True(scope.EnforcesMemory);
        Assert.Equal("67108864", files.Files[scope.Path + "/memory.max"]);
        Assert.Equal("0", files.Files[scope.Path + "/memory.swap.max"]);
        Assert.Equal("1", files.Files[scope.Path + "/memory.oom.group"]);

        var noMemoryLimit = tree.CreateScope(new TaskLimits { Cpu = TimeSpan.FromSeconds(2) });
        Assert.False(noMemoryLimit.EnforcesMemory);
        Assert.Equal("max", files.Files[noMemoryLimit.Path + "/memory.max"]);
    }

    [Fact]
    public void A_node_cgroup_with_processes_moves_the_node_into_a_leaf_before_enabling_the_memory_controller()
    {
        var files = new FakeCgroupFiles();
        files.AddCgroup(Node, controllers: "memory");
        files.Files[Node + "/cgroup.procs"] = $"{Pid}\n";
        var leaf = Node + $"/akc-node-{Pid}";
        files.Refuse = (path, _) =>
        {
            if (path == leaf + "/cgroup.procs")
                files.Files[Node + "/cgroup.procs"] = string.Empty; // the kernel moves the process
            return path == Node + "/cgroup.subtree_control" && files.Files[Node + "/cgroup.procs"].Length > 0
                ? new IOException("Device or resource busy")
                : null;
        };

        var tree = Probe(files).Tree!;
        Assert.True(tree.Memory);
        Assert.Contains((Node + $"/akc-node-{Pid}/cgroup.procs", Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)), files.Writes);
    }

    [Fact]
    public void Other_processes_in_the_node_cgroup_leave_memory_an_rlimit_and_say_why()
    {
        var files = new FakeCgroupFiles();
        files.AddCgroup(Node, controllers: "memory");
        files.Files[Node + "/cgroup.procs"] = $"{Pid}\n77\n"; // a shell beside the node, as in a terminal's session scope
        files.Refuse = (path, _) => path == Node + "/cgroup.subtree_control" ? new IOException("Device or resource busy") : null;
        var tree = Probe(files).Tree!;
        Assert.False(tree.Memory);
        Assert.Contains("other processes share the node's cgroup (1, e.g. pid 77)", tree.MemoryNote, StringComparison.Ordinal);
        Assert.DoesNotContain(files.Writes, w => w.Path.Contains("akc-node-", StringComparison.Ordinal)); // the node stayed where it was
        Assert.Contains("memory: RLIMIT_AS", tree.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_task_cgroups_of_nodes_that_died_are_removed_and_the_rest_kept()
    {
        var files = new FakeCgroupFiles();
        files.AddCgroup(Node);
        files.AddCgroup(Node + "/akc-999-3");
        files.AddCgroup(Node + "/akc-node-998");
        files.AddCgroup(Node + "/akc-1000-1");
        files.AddCgroup(Node + "/other");
        files.LiveProcesses.Add(1000);

        Assert.NotNull(Probe(files).Tree);
        Assert.Equal(["akc-1000-1", "other"], files.Subdirectories(Node).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_scope_reads_its_cpu_time_processes_and_oom_kills_and_is_removed_once_empty()
    {
        var files = new FakeCgroupFiles();
        files.AddCgroup(Node, controllers: "memory", subtreeControl: "memory");
        var scope = Probe(files).Tree!.CreateScope(new TaskLimits { MemoryBytes = 32L << 20 });
        files.Files[scope.Path + "/cpu.stat"] = "usage_usec 1500000\nuser_usec 1400000\n";
        files.Files[scope.Path + "/cgroup.procs"] = "10\n11\n12\n";
        files.Files[scope.Path + "/memory.events"] = "low 0\nhigh 0\nmax 3\noom 1\noom_kill 2\n";

        Assert.Equal(TimeSpan.FromSeconds(1.5), scope.CpuUsed());
        Assert.Equal(3, scope.ProcessCount());
        Assert.Equal(2, scope.OomKills());
        Assert.True(scope.ReleaseAsync(kill: true, wait: TimeSpan.Zero).GetAwaiter().GetResult());
        Assert.Contains((scope.Path + "/cgroup.kill", "1"), files.Writes);
        Assert.False(files.Exists(scope.Path));
    }
}
