using AkkaCompute.Hosting.Hocon;

namespace AkkaCompute.Hosting.Settings;

/// <summary>
/// The reference configuration: <c>hocon/reference.conf</c>, embedded in this assembly under the
/// resource name <c>reference.conf</c>. It defines every setting under <c>akc</c> with its default.
/// </summary>
public static class ReferenceConfig
{
    /// <summary>The resource name and the file name used in origins: <c>reference.conf</c>.</summary>
    public const string ResourceName = "reference.conf";

    /// <summary>The top-level block holding every node setting: <c>akc</c>.</summary>
    public const string Root = "akc";

    private static readonly Lazy<HoconObject> Parsed = new(() => HoconParser.Parse(Text, ResourceName, _ => null));

    private static readonly Lazy<IReadOnlyList<HoconPath>> Leaves = new(() => LeafPaths(Parsed.Value));

    /// <summary>The text of the embedded file.</summary>
    /// <exception cref="InvalidOperationException">The resource is missing (a build error).</exception>
    public static string Text
    {
        get
        {
            using var stream = typeof(ReferenceConfig).Assembly.GetManifestResourceStream(ResourceName)
                ?? throw new InvalidOperationException($"embedded resource '{ResourceName}' is missing from {typeof(ReferenceConfig).Assembly.GetName().Name}");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }

    /// <summary>The parsed reference configuration (parsed once; environment substitutions are not applied).</summary>
    public static HoconObject Document => Parsed.Value;

    /// <summary>
    /// The full path of every setting, e.g. <c>akc.executor.shell.deny</c>: every value
    /// that is not an object (lists are single settings). A section's own settings come before its subsections'.
    /// </summary>
    public static IReadOnlyList<HoconPath> SettingPaths => Leaves.Value;

    private static List<HoconPath> LeafPaths(HoconObject root)
    {
        var result = new List<HoconPath>();
        var pending = new Stack<(HoconObject Obj, HoconPath Path)>();
        pending.Push((root, HoconPath.Root));
        while (pending.Count > 0)
        {
            var (obj, path) = pending.Pop();
            var children = new List<(HoconObject, HoconPath)>();
            foreach (var key in obj.Keys)
            {
                obj.TryGetField(key, out var value);
                if (value is HoconObject child) children.Add((child, path.Append(key)));
                else result.Add(path.Append(key));
            }
            for (var i = children.Count - 1; i >= 0; i--) pending.Push(children[i]);
        }
        return result;
    }
}
