using AkkaCompute.Compute.Execution.Files;
using AkkaCompute.Hosting.Settings;
using Microsoft.Extensions.FileSystemGlobbing;

namespace AkkaCompute.Hosting.Jobs;

/// <summary>What a <c>files</c> generator does with a symbolic link to a directory (key <c>dir-links</c>).</summary>
internal enum DirectoryLinks
{
    /// <summary><c>follow-once</c> (the default): entered unless a directory with the same device and inode was already listed.</summary>
    FollowOnce,

    /// <summary><c>skip</c>: never entered (links to files are still listed).</summary>
    Skip,
}

/// <summary>
/// Lists the files under a directory that match a <see cref="Matcher"/>, bounded: every directory is listed at most
/// once (by device and inode, so symlink loops such as <c>sub/x -&gt; .</c> end), the task budget is checked at each
/// match (not after), and the walk stops at <see cref="MaxDepth"/> levels and <see cref="MaxEntriesVisited"/> entries.
/// At any limit it stops with a <see cref="Problem"/> that names the limit and the directory where it was reached.
/// </summary>
internal sealed class FileLister(Matcher matcher, DirectoryLinks links, int budget)
{
    /// <summary>Deepest directory level listed below <c>dir</c>: 256.</summary>
    public const int MaxDepth = 256;

    /// <summary>Most directory entries (files and directories, matching or not) one listing examines: 10,000,000.</summary>
    public const int MaxEntriesVisited = 10_000_000;

    private static readonly EnumerationOptions Options = new() { AttributesToSkip = 0, IgnoreInaccessible = false, RecurseSubdirectories = false, ReturnSpecialDirectories = false };

    /// <summary>Why the listing stopped early (limit or error, with the directory), or null when it completed.</summary>
    public string? Problem { get; private set; }

    /// <summary>Symbolic links to directories not entered: already listed (a loop or a second way in), or skipped by <c>dir-links = skip</c>.</summary>
    public int LinksNotFollowed { get; private set; }

    /// <summary>Lists <paramref name="root"/>; returns the matching relative paths (with <c>/</c>), unsorted, or null with <see cref="Problem"/> set.</summary>
    /// <param name="root">The absolute directory.</param>
    public List<string>? List(string root)
    {
        var found = new List<string>();
        var seen = new HashSet<FileIdentity>();
        if (FileIdentity.Of(root) is { } rootId) seen.Add(rootId);
        var pending = new Stack<(string Full, string Relative, int Depth)>();
        pending.Push((root, "", 0));
        var visited = 0;
        while (pending.Count > 0)
        {
            var (dir, relative, depth) = pending.Pop();
            try
            {
                foreach (var entry in new DirectoryInfo(dir).EnumerateFileSystemInfos("*", Options))
                {
                    if (++visited > MaxEntriesVisited)
                        return Stop($"examined more than {SettingsFormat.Number(MaxEntriesVisited)} entries (the limit of one listing) when it reached '{dir}'");
                    var rel = relative.Length == 0 ? entry.Name : relative + "/" + entry.Name;
                    if (entry is DirectoryInfo sub)
                    {
                        if (Lossy(entry.Name)) return Stop(NotUtf8(sub.FullName));
                        if (sub.LinkTarget is not null && links == DirectoryLinks.Skip)
                        {
                            LinksNotFollowed++;
                            continue;
                        }
                        if (FileIdentity.Of(sub.FullName) is { } id && !seen.Add(id))
                        {
                            LinksNotFollowed++;
                            continue; // listed already: a loop back up, or a second link to the same directory
                        }
                        if (depth + 1 > MaxDepth)
                            return Stop($"goes deeper than {SettingsFormat.Number(MaxDepth)} directory levels at '{sub.FullName}'");
                        pending.Push((sub.FullName, rel, depth + 1));
                        continue;
                    }
                    if (!matcher.Match(rel).HasMatches) continue;
                    if (Lossy(entry.Name)) return Stop(NotUtf8(Path.Combine(dir, entry.Name)) + ", or exclude it with a glob such as \"**/*\uFFFD*\"");
                    if (!entry.Exists) continue; // a dangling link
                    if (found.Count == budget)
                        return Stop($"matches more than the {SettingsFormat.Number(budget)} tasks left under job.max-tasks; the limit was reached in '{dir}'");
                    found.Add(rel);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
            {
                return Stop($"cannot list '{dir}': {e.Message}");
            }
        }
        return found;
    }

    /// <summary>
    /// .NET decodes file names as UTF-8 and puts U+FFFD for bytes that are not; such a name cannot be opened again
    /// from the decoded text, so it is refused here, by path, instead of failing later as "not found".
    /// </summary>
    private static bool Lossy(string name) => name.Contains('\uFFFD', StringComparison.Ordinal);

    private static string NotUtf8(string path) =>
        $"'{path}' has a name that is not valid UTF-8 ('\uFFFD' marks the bytes that are not), so no task could open it; rename it";

    private List<string>? Stop(string problem)
    {
        Problem = problem;
        return null;
    }
}
