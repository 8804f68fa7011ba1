using AkkaCompute.Compute.Execution.Limits.Cgroups;

namespace AkkaCompute.Compute.Tests.Execution.Limits.Cgroups;

/// <summary>Finding the node's cgroup v2 directory from /proc/self/mountinfo and /proc/self/cgroup.</summary>
public sealed class CgroupPathsTests
{
    private const string Hybrid = """
        25 30 0:23 / /sys/fs/cgroup ro,nosuid,nodev,noexec shared:9 - tmpfs tmpfs ro,mode=755
        26 25 0:24 / /sys/fs/cgroup/unified rw,nosuid,nodev,noexec,relatime shared:10 - cgroup2 cgroup2 rw,nsdelegate
        27 25 0:25 / /sys/fs/cgroup/memory rw,nosuid,nodev,noexec,relatime shared:11 - cgroup cgroup rw,memory
        """;

    [Fact]
    public void A_hybrid_host_has_its_cgroup2_mount_below_sys_fs_cgroup_unified()
    {
        var mount = Assert.Single(CgroupPaths.Cgroup2Mounts(Hybrid));
        Assert.Equal(new CgroupPaths.Mount("/sys/fs/cgroup/unified", "/"), mount);
    }

    [Fact]
    public void Optional_fields_and_escaped_mount_points_are_read()
    {
        var line = "31 23 0:26 / /mnt/my\\040cgroups rw,relatime shared:5 master:1 - cgroup2 none rw";
        Assert.Equal("/mnt/my cgroups", Assert.Single(CgroupPaths.Cgroup2Mounts(line)).MountPoint);
    }

    [Fact]
    public void A_v1_only_host_has_no_cgroup2_mount()
    {
        Assert.Empty(CgroupPaths.Cgroup2Mounts("27 25 0:25 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n"));
    }

    [Theory]
    [InlineData("0::/system.slice/akc-node.service\n", "/system.slice/akc-node.service")]
    [InlineData("4:memory:/x\n0::/\n", "/")]
    [InlineData("0::\n", "/")]
    [InlineData("4:memory:/x\n", null)]
    public void The_own_cgroup_is_the_0_line(string text, string? expected) => Assert.Equal(expected, CgroupPaths.OwnCgroup(text));

    [Fact]
    public void The_directory_is_the_cgroup_below_the_mount_that_holds_it()
    {
        var root = new CgroupPaths.Mount("/sys/fs/cgroup", "/");
        Assert.Equal("/sys/fs/cgroup", CgroupPaths.Directory([root], "/"));
        Assert.Equal("/sys/fs/cgroup/system.slice/a.service", CgroupPaths.Directory([root], "/system.slice/a.service"));

        // A container without a cgroup namespace sees its own subtree mounted at /sys/fs/cgroup.
        var container = new CgroupPaths.Mount("/sys/fs/cgroup", "/docker/abc");
        Assert.Equal("/sys/fs/cgroup/job", CgroupPaths.Directory([container], "/docker/abc/job"));
        Assert.Null(CgroupPaths.Directory([container], "/docker/abcd"));
    }
}
