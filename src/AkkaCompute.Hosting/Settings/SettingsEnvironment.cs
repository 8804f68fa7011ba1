using AkkaCompute.Hosting.Hocon;

namespace AkkaCompute.Hosting.Settings;

/// <summary>
/// The mapping between settings and environment variables: <c>AKC__</c> followed by the setting's
/// path below <c>akc</c>, segments joined with <c>__</c>, letters upper-cased and <c>-</c> written as
/// <c>_</c>. So <c>AKC__EXECUTOR__MAX_CONCURRENT=4</c> sets <c>akc.executor.max-concurrent = 4</c>, and
/// <c>AKC__NODE_NAME=n1</c> sets <c>akc.node-name</c>. Only settings defined in reference.conf are
/// looked up. A value starting with <c>[</c> is read as a HOCON list (<c>["curl", "wget"]</c>); any
/// other value is taken as written (<c>null</c> restores a null default); an empty value counts as unset.
/// </summary>
public static class SettingsEnvironment
{
    /// <summary>The prefix of every variable: <c>AKC__</c>.</summary>
    public const string Prefix = "AKC__";

    /// <summary>The variable that overrides a setting.</summary>
    /// <param name="settingPath">The full path, starting with <c>akc</c>, e.g. <c>akc.executor.shell.output-limit</c>.</param>
    /// <returns>E.g. <c>AKC__EXECUTOR__SHELL__OUTPUT_LIMIT</c>.</returns>
    /// <exception cref="ArgumentException">The path does not start with <c>akc</c> or has nothing after it.</exception>
    public static string VariableName(HoconPath settingPath)
    {
        ArgumentNullException.ThrowIfNull(settingPath);
        if (settingPath.Count < 2 || settingPath.Segments[0] != ReferenceConfig.Root)
            throw new ArgumentException($"setting path '{settingPath}' must start with '{ReferenceConfig.Root}.'", nameof(settingPath));
        return Prefix + string.Join("__", settingPath.Segments.Skip(1).Select(s => s.Replace('-', '_').ToUpperInvariant()));
    }
}
