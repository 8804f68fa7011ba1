using System.Text;

namespace AkkaCompute.Compute.Execution.Limits.Cgroups;

/// <summary>
/// Where this process's cgroup v2 directory is, from the text of <c>/proc/self/mountinfo</c> (where cgroup2 is
/// mounted; <c>proc(5)</c>) and <c>/proc/self/cgroup</c> (the <c>0::PATH</c> line; <c>cgroups(7)</c>). Pure.
/// </summary>
internal static class CgroupPaths
{
    /// <summary>A cgroup2 mount: its mount point and the cgroup its root shows (<c>/</c> unless mounted from inside a cgroup).</summary>
    /// <param name="MountPoint">Absolute path, e.g. <c>/sys/fs/cgroup</c> or, on a hybrid host, <c>/sys/fs/cgroup/unified</c>.</param>
    /// <param name="Root">The cgroup at the mount point, e.g. <c>/</c>.</param>
    public sealed record Mount(string MountPoint, string Root);

    /// <summary>The cgroup2 mounts listed in <paramref name="mountinfo"/>, in order.</summary>
    /// <param name="mountinfo">The text of <c>/proc/self/mountinfo</c>.</param>
    /// <returns>The mounts; empty when there is none (a cgroup v1 only host, or no cgroupfs at all).</returns>
    public static IReadOnlyList<Mount> Cgroup2Mounts(string mountinfo)
    {
        var mounts = new List<Mount>();
        foreach (var line in mountinfo.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // "36 25 0:31 / /sys/fs/cgroup/unified rw,nosuid shared:9 - cgroup2 cgroup2 rw,nsdelegate"
            var fields = line.Split(' ');
            var separator = Array.IndexOf(fields, "-", 6);
            if (fields.Length < 7 || separator < 0 || separator + 1 >= fields.Length || fields[separator + 1] != "cgroup2")
                continue;
            mounts.Add(new Mount(Unescape(fields[4]), Unescape(fields[3])));
        }

        return mounts;
    }

    /// <summary>The process's cgroup v2 path from the <c>0::PATH</c> line of <paramref name="procSelfCgroup"/>, or null when it has none.</summary>
    /// <param name="procSelfCgroup">The text of <c>/proc/self/cgroup</c>.</param>
    /// <returns>E.g. <c>/system.slice/akc-node.service</c>; <c>/</c> for the root cgroup.</returns>
    public static string? OwnCgroup(string procSelfCgroup)
    {
        foreach (var line in procSelfCgroup.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("0::", StringComparison.Ordinal))
                return line[3..].Trim() is { Length: > 0 } path ? path : "/";
        }

        return null;
    }

    /// <summary>
    /// The directory of cgroup <paramref name="cgroup"/> under one of <paramref name="mounts"/>: the first mount whose
    /// root contains it. Null when none does (the cgroup is outside every mount, e.g. in a container without a cgroup
    /// namespace that sees only its own subtree).
    /// </summary>
    /// <param name="mounts">cgroup2 mounts, from <see cref="Cgroup2Mounts"/>.</param>
    /// <param name="cgroup">A cgroup path from <see cref="OwnCgroup"/>.</param>
    /// <returns>An absolute directory, e.g. <c>/sys/fs/cgroup/system.slice/akc-node.service</c>.</returns>
    public static string? Directory(IEnumerable<Mount> mounts, string cgroup)
    {
        foreach (var mount in mounts)
        {
            var root = mount.Root.TrimEnd('/');
            if (cgroup == mount.Root || cgroup.StartsWith(root + "/", StringComparison.Ordinal))
            {
                var relative = cgroup[root.Length..].Trim('/');
                return relative.Length == 0 ? mount.MountPoint : mount.MountPoint.TrimEnd('/') + "/" + relative;
            }
        }

        return null;
    }

    /// <summary>mountinfo escapes space, tab, newline and backslash as three octal digits (<c>\040</c>).</summary>
    private static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
            return field;
        var text = new StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && IsOctal(field, i + 1))
            {
                text.Append((char)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                text.Append(field[i]);
            }
        }

        return text.ToString();
    }

    private static bool IsOctal(string field, int start) =>
        start + 3 <= field.Length && field.AsSpan(start, 3).IndexOfAnyExceptInRange('0', '7') < 0;
}
