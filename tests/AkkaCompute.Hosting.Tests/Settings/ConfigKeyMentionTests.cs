using System.Text.RegularExpressions;
using Akka.Configuration;
using AkkaCompute.Hosting.Hocon;
using AkkaCompute.Hosting.Settings;

namespace AkkaCompute.Hosting.Tests.Settings;

/// <summary>
/// Issue 12, item 8: every config key that a message, option description or config fragment in src/ names
/// (<c>akc.…</c>, <c>akka.…</c> in code, not in comments) exists: ours in hocon/reference.conf (or, for the scheduler's
/// mailbox, in the node's embedded node.conf), Akka's in hocon/akka.conf or in the Akka reference configuration a node
/// runs over. A misspelt key in a log line or error fails here.
/// </summary>
public partial class ConfigKeyMentionTests
{
    /// <summary>Names that look like keys but are not: file names, journal manifests, address schemes, the project akka.net (other manifests match <see cref="ManifestPattern"/>).</summary>
    private static readonly HashSet<string> NotKeys = new(StringComparer.Ordinal)
    {
        "akc.db", "akc.db.snapshots", "akc.lock", "akc.lock.pid", "akka.conf", "akc.accepted.v1", "akc.events.v1", "akka.tcp", "akka.ssl.tcp", "akka.net",
    };

    /// <summary>cgroup v2 interface files, named in messages about task cgroups; they look like keys of the <c>memory</c> section.</summary>
    private static readonly HashSet<string> CgroupFiles = new(StringComparer.Ordinal) { "memory.max", "memory.events", "memory.swap.max", "memory.oom.group" };

    /// <summary>hocon/akka.conf over the reference configurations of Akka, Akka.Remote, Akka.Cluster, Akka.Persistence and Akka.Persistence.Sql.</summary>
    private static readonly Lazy<Config> AkkaKeys = new(() =>
        AkkaNodeConfig.WithAkkaReference(AkkaNodeConfig.Defaults)
            .WithFallback(ConfigurationFactory.FromResource("Akka.Persistence.persistence.conf", typeof(Akka.Persistence.Persistence).Assembly))
            .WithFallback(ConfigurationFactory.FromResource("Akka.Persistence.Sql.persistence.conf", typeof(Akka.Persistence.Sql.Journal.SqlWriteJournal).Assembly))
            .WithFallback(ConfigurationFactory.FromResource("Akka.Persistence.Sql.snapshot.conf", typeof(Akka.Persistence.Sql.Journal.SqlWriteJournal).Assembly)));

    /// <summary>Serializer manifests (<c>akc.run.v1</c>, <c>akc.clock.v1</c>, ...): a name ending in <c>.v</c> and a version number.</summary>
    [GeneratedRegex(@"\.v[0-9]+$")]
    private static partial Regex ManifestPattern();

    [GeneratedRegex(@"(?<![\w.$-])(?:akc|akka)\.[a-z][a-z0-9-]*(?:\.[a-z0-9][a-z0-9-]*)*")]
    private static partial Regex KeyPattern();

    /// <summary>Every line of C# under src/ that is not a comment line, with its file (relative to the repository) and number.</summary>
    public static IEnumerable<(string File, int Line, string Text)> CodeLines()
    {
        var src = Path.Combine(RepoRoot(), "src");
        foreach (var file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/") && !f.Contains("/bin/")))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var code = lines[i].TrimStart();
                if (!code.StartsWith("//", StringComparison.Ordinal) && !code.StartsWith('*'))
                {
                    yield return (Path.GetRelativePath(RepoRoot(), file), i + 1, code);
                }
            }
        }
    }

    /// <summary>Every <c>akc.…</c> and <c>akka.…</c> name in the code lines of src/ that is not one of <see cref="NotKeys"/> or an address scheme.</summary>
    public static IEnumerable<(string File, int Line, string Key)> Mentions() =>
        from line in CodeLines()
        from Match m in KeyPattern().Matches(line.Text)
        where !NotKeys.Contains(m.Value) && !ManifestPattern().IsMatch(m.Value) && !line.Text[(m.Index + m.Length)..].StartsWith("://", StringComparison.Ordinal)
        select (line.File, line.Line, m.Value);

    public static bool Exists(string key) =>
        key.StartsWith("akc.", StringComparison.Ordinal)
            ? ReferenceConfig.Document.TryGetValue(key, out _) || AkkaCompute.Node.NodeConfig.Default.HasPath(key)
            : AkkaKeys.Value.HasPath(key);

    [Fact]
    public void Every_key_named_in_the_source_exists_in_the_shipped_configuration()
    {
        var mentions = Mentions().ToList();
        Assert.True(mentions.Count > 20, $"only {mentions.Count} key mentions found: is the scan still reading src/?");
        var wrong = mentions.Where(m => !Exists(m.Key)).Select(m => $"{m.File}:{m.Line}: {m.Key}").ToList();
        Assert.True(wrong.Count == 0, "keys that no shipped HOCON file defines:\n" + string.Join("\n", wrong));
    }

    /// <summary>
    /// A sentence (a string literal with a space: a message or a description) that names one of our settings names it in
    /// full, <c>akc.scheduler.max-queued</c>, not <c>scheduler.max-queued</c>: the short form is not what a config file
    /// takes. Override dictionaries keyed by the short form are not sentences, and <c>KEY=VALUE</c> examples of
    /// <c>akc node --set</c> (which takes our keys relative to akc) are what they say; both are left alone.
    /// </summary>
    [Fact]
    public void Messages_name_our_settings_with_their_akc_prefix()
    {
        var sections = ((HoconObject)ReferenceConfig.Document.GetValue(ReferenceConfig.Root)).Keys
            .Where(k => ReferenceConfig.Document.GetValue($"{ReferenceConfig.Root}.{k}") is HoconObject).ToList();
        Assert.Contains("scheduler", sections);
        var shortForm = new Regex(@"(?<![\w.$/-])(?:" + string.Join("|", sections.Select(Regex.Escape)) + @")\.[a-z][a-z0-9-]*(?:\.[a-z0-9][a-z0-9-]*)*");
        var wrong = new List<string>();
        foreach (var (file, line, text) in CodeLines())
        {
            foreach (Match literal in StringLiteral().Matches(text))
            {
                if (!literal.Value.Contains(' '))
                {
                    continue;
                }

                wrong.AddRange(shortForm.Matches(literal.Value)
                    .Where(m => !literal.Value[(m.Index + m.Length)..].StartsWith('=')) // "management.port=8559": akc node --set's relative KEY=VALUE form
                    .Where(m => !CgroupFiles.Contains(m.Value))
                    .Select(m => $"{file}:{line}: {m.Value} (write akc.{m.Value})"));
            }
        }

        Assert.True(wrong.Count == 0, "settings named without akc.:\n" + string.Join("\n", wrong));
    }

    [GeneratedRegex(@"""(?:[^""\\]|\\.)*""")]
    private static partial Regex StringLiteral();

    [Theory]
    [InlineData("akc.executor.timeout-grace", true)]
    [InlineData("akc.executor.timeout-grace-ms", false)]
    [InlineData("akc.scheduler.mailbox.mailbox-capacity", true)]
    [InlineData("akka.remote.dot-netty.tcp.port", true)]
    [InlineData("akka.remote.dotnetty.tcp.port", false)]
    public void The_check_tells_a_real_key_from_a_misspelt_one(string key, bool exists)
    {
        Assert.Equal(exists, Exists(key));
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AkkaCompute.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("AkkaCompute.sln not found above " + AppContext.BaseDirectory);
    }
}
